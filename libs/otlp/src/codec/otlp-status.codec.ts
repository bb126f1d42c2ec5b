import * as protobuf from 'protobufjs';

/**
 * google.rpc.Status, the error body OTLP/HTTP asks for in protobuf. The generated OTLP classes do
 * not include it, so its schema is declared here for protobufjs (the `details` field is omitted:
 * Fleetwatch sends none).
 */
const Status = protobuf.Root.fromJSON({
  nested: {
    google: {
      nested: {
        rpc: {
          nested: {
            Status: {
              fields: {
                code: { type: 'int32', id: 1 },
                message: { type: 'string', id: 2 },
              },
            },
          },
        },
      },
    },
  },
}).lookupType('google.rpc.Status');

/** gRPC status codes for the HTTP statuses the OTLP routes answer with. */
const GRPC_CODE: Record<number, number> = {
  400: 3, // INVALID_ARGUMENT
  401: 16, // UNAUTHENTICATED
  403: 7, // PERMISSION_DENIED
  404: 5, // NOT_FOUND
  413: 8, // RESOURCE_EXHAUSTED
  415: 3, // INVALID_ARGUMENT
  429: 8, // RESOURCE_EXHAUSTED
  503: 14, // UNAVAILABLE
};

export function encodeStatus(httpStatus: number, message: string): Buffer {
  const code = GRPC_CODE[httpStatus] ?? 13; // INTERNAL
  return Buffer.from(Status.encode(Status.create({ code, message })).finish());
}

export function decodeStatus(bytes: Uint8Array): { code: number; message: string } {
  const decoded = Status.toObject(Status.decode(bytes), { defaults: true }) as { code: number; message: string };
  return { code: decoded.code, message: decoded.message };
}
