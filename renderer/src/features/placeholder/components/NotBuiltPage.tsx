// A page whose capability does not exist yet says so plainly: no sample data, no mock tables.
import type { PageInfo } from '../../../app/pages';

export function NotBuiltPage({ page }: { page: PageInfo }) {
  return (
    <div className="page not-built" data-testid={`page-${page.id}`}>
      <h1 className="page-title">{page.title}</h1>
      <div className="empty-state" role="status">
        <p data-testid="not-built">{page.notBuilt}</p>
      </div>
    </div>
  );
}
