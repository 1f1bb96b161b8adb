// /v1/auth/* and /v1/me. Login, refresh and logout are public (they carry their own credentials);
// MFA enrolment and /v1/me need an access token.
import type { FastifyInstance } from 'fastify';
import {
  loginRequestSchema,
  mfaVerifyRequestSchema,
  refreshRequestSchema,
} from '../../../shared/sync/protocol';
import { currentUser } from './guard';
import type { AuthService } from './service';

export function registerAuthRoutes(app: FastifyInstance, auth: AuthService): void {
  app.post('/v1/auth/login', { config: { public: true } }, async (request) => auth.login(loginRequestSchema.parse(request.body)));

  app.post('/v1/auth/refresh', { config: { public: true } }, async (request) =>
    auth.refresh(refreshRequestSchema.parse(request.body).refreshToken),
  );

  app.post('/v1/auth/logout', { config: { public: true } }, async (request, reply) => {
    await auth.logout(refreshRequestSchema.parse(request.body).refreshToken);
    return reply.code(204).send();
  });

  app.get('/v1/me', async (request) => auth.me(currentUser(request)));

  app.post('/v1/auth/mfa/enrol', async (request) => auth.enrolMfa(currentUser(request)));

  app.post('/v1/auth/mfa/verify', async (request) =>
    auth.verifyMfa(currentUser(request), mfaVerifyRequestSchema.parse(request.body).otp),
  );
}
