import { Tabs } from '../../components/ui';
import { navigate } from '../../lib/router';
import { PricesTab } from './prices';
import { UsageTab } from './usage';

export function CostPage({ tab }: { tab?: string }) {
  const current = tab === 'prices' ? 'prices' : 'usage';
  return (
    <>
      <div class="page-head">
        <h1>Cost</h1>
      </div>
      <Tabs
        label="Cost sections"
        value={current}
        onChange={(id) => navigate(id === 'usage' ? '/cost' : `/cost/${id}`)}
        tabs={[
          { id: 'usage', label: 'Usage' },
          { id: 'prices', label: 'Price catalogue' },
        ]}
      />
      {current === 'usage' ? <UsageTab /> : <PricesTab />}
    </>
  );
}
