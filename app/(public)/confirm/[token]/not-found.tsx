import { Alert } from '@/components/ui/Alert';
import { PageHeader } from '@/components/ui/PageHeader';
import { LINK_NOT_FOUND } from '@/lib/links/links';

/** A token that is no link's (mistyped, cut short, altered): said plainly, with the same 404 status. */
export default function LinkNotFound() {
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="This link does not work" />
      <Alert tone="info" size="md" role={null} data-testid="link-unusable">
        {LINK_NOT_FOUND}
      </Alert>
    </div>
  );
}
