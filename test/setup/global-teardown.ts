export default async function globalTeardown(): Promise<void> {
  await globalThis.__FW_EMBEDDED_STOP__?.();
}
