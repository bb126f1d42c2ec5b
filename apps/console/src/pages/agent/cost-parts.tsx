import type { CostsByType } from '../../api/types';
import { money } from '../../lib/format';

const LABELS: Record<keyof CostsByType, string> = {
  input: 'input',
  cache_read: 'cache read',
  cache_write_5m: 'cache write 5m',
  cache_write_1h: 'cache write 1h',
  audio_input: 'audio in',
  image_input: 'image in',
  cache_read_audio: 'cache read audio',
  cache_read_image: 'cache read image',
  output: 'output',
  reasoning: 'reasoning',
  audio_output: 'audio out',
  request: 'request fees',
};

/** A row's stored cost split by token type: only the parts that cost something, input side first. */
export function CostParts({ parts }: { parts: CostsByType }) {
  const shown = (Object.keys(LABELS) as (keyof CostsByType)[]).filter((key) => (parts[key] ?? 0) !== 0);
  return (
    <div class="cost-parts" data-testid="costs-by-type">
      <span class="muted small">Cost by type:</span>
      {shown.length === 0 ? (
        <span class="muted small">nothing charged</span>
      ) : (
        shown.map((key) => (
          <span class="chip" data-part={key}>
            {LABELS[key]} {money(parts[key])}
          </span>
        ))
      )}
    </div>
  );
}
