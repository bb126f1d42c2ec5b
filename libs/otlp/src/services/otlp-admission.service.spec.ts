import { AppConfig } from '@fleetwatch/config';
import { OtlpError } from '../errors/otlp.error';
import { OtlpAdmission } from './otlp-admission.service';

describe('OtlpAdmission', () => {
  it('refuses exports past the in-flight bound with 429 and Retry-After, and admits again once one finishes', async () => {
    const admission = new OtlpAdmission({ otlp: { maxInFlight: 1 } } as AppConfig);
    let finish!: () => void;
    const first = admission.run(() => new Promise<string>((resolve) => (finish = () => resolve('first'))));
    const refused = await admission.run(async () => 'second').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OtlpError);
    expect(refused).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 1, message: 'too many OTLP exports in flight (1); retry later' });
    finish();
    await expect(first).resolves.toBe('first');
    await expect(admission.run(async () => 'third')).resolves.toBe('third');
  });
});
