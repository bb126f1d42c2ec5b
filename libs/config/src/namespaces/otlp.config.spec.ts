import { EnvReader } from '../env-reader';
import { readOtlpConfig } from './otlp.config';

describe('readOtlpConfig', () => {
  it('defaults OTLP_MAX_IN_FLIGHT to 16 and reads a valid value', () => {
    expect(readOtlpConfig(new EnvReader({}))).toEqual({ maxInFlight: 16 });
    expect(readOtlpConfig(new EnvReader({ OTLP_MAX_IN_FLIGHT: '4' }))).toEqual({ maxInFlight: 4 });
  });

  it('names the variable when the value is out of range', () => {
    const env = new EnvReader({ OTLP_MAX_IN_FLIGHT: '0' });
    readOtlpConfig(env);
    expect(env.problems).toEqual(['OTLP_MAX_IN_FLIGHT must be an integer between 1 and 10000 (got "0")']);
  });
});
