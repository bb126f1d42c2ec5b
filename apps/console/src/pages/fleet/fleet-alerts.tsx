import type { Alert } from '../../api/types';
import { Link } from '../../components/link';
import { Async } from '../../components/states';
import { Card } from '../../components/ui';
import type { Loaded } from '../../lib/use-api';
import { AlertList } from '../alerts/open-alerts';

/** Enough rows to act on from the overview; the Alerts page has the rest. */
const SHOWN = 5;

/** Open alerts on the fleet page, acknowledged in place with the same rows as the Alerts page. */
export function FleetAlerts({ alerts }: { alerts: Loaded<Alert[]> }) {
  const list = alerts.data ?? [];
  const waiting = list.filter((a) => a.status === 'firing' || a.status === 'pending').length;
  return (
    <Card
      title={alerts.data ? `Open alerts (${waiting})` : 'Open alerts'}
      id="fleet-alerts"
      actions={
        list.length > SHOWN && (
          <Link href="/alerts" class="small">
            All {list.length} open alerts →
          </Link>
        )
      }
    >
      <Async loaded={alerts} what="Loading alerts">
        {(open) => (open.length === 0 ? <p class="all-good">No alert is firing.</p> : <AlertList alerts={open.slice(0, SHOWN)} changed={alerts.reload} />)}
      </Async>
    </Card>
  );
}
