import { Link } from '../../components/link';
import { CopyButton } from '../../components/copy-button';
import { Card } from '../../components/ui';

/** What an empty fleet shows: how to send the first data, with this server's own URL filled in. */
export function GettingStarted() {
  const origin = window.location.origin;
  const agentSnippet = `curl -s ${origin}/api/agents \\
  -H "Authorization: Bearer $FLEETWATCH_API_KEY" -H "Content-Type: application/json" \\
  -d '{"name": "my-agent", "labels": {"team": "support"}}'`;
  const ingestSnippet = `curl -s ${origin}/api/ingest \\
  -H "Authorization: Bearer $FLEETWATCH_API_KEY" -H "Content-Type: application/json" \\
  -d '{"samples": [{"agentId": "<agent id>", "type": "cpu", "value": 42}],
       "llmCalls": [{"agentId": "<agent id>", "model": "gpt-4o-mini", "inputTokens": 1200,
                     "outputTokens": 300, "latencyMs": 850, "status": "success"}]}'`;
  const otlpSnippet = `export OTEL_EXPORTER_OTLP_ENDPOINT=${origin}/api/otlp
export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer $FLEETWATCH_API_KEY"
export OTEL_RESOURCE_ATTRIBUTES="fleetwatch.agent.id=<agent id>"`;
  return (
    <Card title="Your fleet is empty" id="getting-started">
      <p>
        Fleetwatch shows agents once they exist and send telemetry. Create an API key with the <code>ingest</code> and <code>agents:write</code> scopes under{' '}
        <Link href="/settings">Settings → API keys</Link>, put it in <code>FLEETWATCH_API_KEY</code>, then:
      </p>
      <ol class="steps">
        <li>
          <div class="step-head">
            <strong>Register an agent</strong>
            <CopyButton text={agentSnippet} />
          </div>
          <pre class="code">{agentSnippet}</pre>
        </li>
        <li>
          <div class="step-head">
            <strong>Send samples and LLM calls</strong>
            <CopyButton text={ingestSnippet} />
          </div>
          <pre class="code">{ingestSnippet}</pre>
        </li>
        <li>
          <div class="step-head">
            <strong>Or point an OpenTelemetry SDK here</strong> (GenAI spans become LLM calls)
            <CopyButton text={otlpSnippet} />
          </div>
          <pre class="code">{otlpSnippet}</pre>
        </li>
      </ol>
      <p class="muted">
        The whole API is described at <a href="/api/docs">/api/docs</a>.
      </p>
    </Card>
  );
}
