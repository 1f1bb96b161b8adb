// Types for the three small CommonJS packages the RADIUS engine uses, limited to what it calls.

declare module 'radius' {
  type Attribute = [number | string, Buffer | string] | [string, number, Attribute[]];
  interface EncodeArgs {
    code: string;
    identifier: number;
    authenticator?: Buffer;
    attributes: Attribute[];
    secret: string;
    add_message_authenticator?: boolean;
  }
  const radius: {
    encode(args: EncodeArgs): Buffer;
  };
  export default radius;
}

declare module 'js-md4' {
  const md4: { arrayBuffer(message: Uint8Array): ArrayBuffer };
  export default md4;
}

declare module 'des.js' {
  interface Cipher {
    update(data: Uint8Array | number[]): number[];
    final(): number[];
  }
  const des: {
    DES: { create(options: { type: 'encrypt' | 'decrypt'; key: Uint8Array | number[]; padding?: boolean }): Cipher };
  };
  export default des;
}
