import { agentsApi } from '../../api/agents';
import { Link } from '../../components/link';
import { Async } from '../../components/states';
import { Badge, Card } from '../../components/ui';
import { useApi } from '../../lib/use-api';

/** The seed 004 roll-up: agents with a reason to look at them, errors first, as the API orders them. */
export function NeedsAttention({ tick }: { tick: number }) {
  const status = useApi(() => agentsApi.fleetStatus(), [tick]);
  return (
    <Card title="Needs attention" id="needs-attention">
      <Async loaded={status} what="Checking the fleet">
        {(fleet) =>
          fleet.agents.length === 0 ? (
            <p class="all-good">All {fleet.total} agents look healthy.</p>
          ) : (
            <ul class="attention">
              {fleet.agents.map((agent) => (
                <li class={`attention-item sev-${agent.severity}`} data-agent-id={agent.agentId}>
                  <Link href={`/agents/${agent.agentId}`} class="attention-name">
                    {agent.name}
                  </Link>
                  <Badge value={agent.status} />
                  <span class="reasons">
                    {agent.reasons.map((reason) => (
                      <span class={`reason sev-${reason.severity}`} data-reason={reason.code} title={reason.code}>
                        {reason.label}
                      </span>
                    ))}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </Card>
  );
}
