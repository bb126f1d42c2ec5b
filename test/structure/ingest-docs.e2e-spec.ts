import { INGEST_BODY_SCHEMA } from '../../libs/ingest/src/validation/ingest.schema';
import { startTestApp, TestApp } from '../support/test-app';

type JsonSchema = { properties: Record<string, { items?: JsonSchema }>; required?: string[] };

/** The OpenAPI document must describe every field POST /api/ingest accepts, and only those. */
describe('POST /api/ingest in the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists, per item kind, exactly the fields and required fields the validator accepts', async () => {
    const res = await t.client.get('/api/docs-json');
    expect(res.status).toBe(200);
    const schemas = res.body.components.schemas as Record<string, JsonSchema>;
    const body = INGEST_BODY_SCHEMA as unknown as JsonSchema;
    const documented = schemas.IngestRequestDto;
    expect(Object.keys(documented.properties).sort()).toEqual(Object.keys(body.properties).sort());
    for (const kind of Object.keys(body.properties)) {
      const item = body.properties[kind].items!;
      const ref = (documented.properties[kind] as unknown as { items: { $ref: string } }).items.$ref.split('/').pop()!;
      expect([kind, Object.keys(schemas[ref].properties).sort()]).toEqual([kind, Object.keys(item.properties).sort()]);
      expect([kind, [...(schemas[ref].required ?? [])].sort()]).toEqual([kind, [...(item.required ?? [])].sort()]);
    }
  });
});
