import { Content, Header, Page, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  AccessRequest,
  ApprovalStatus,
} from '@datapact/backstage-plugin-common';
import { datapactApiRef } from '../../api';
import { useViewer } from '../../hooks/useViewer';
import { approvalsOf } from '../../lib/decisions';
import { formatDateTime } from '../../lib/time';
import { plural } from '../../lib/words';
import { AccessRequestTable } from '../AccessRequestTable';
import { GrantTable } from '../GrantTable';

/** How many of each list the inbox loads; older items stay in the API. */
const LIMIT = 100;

type TabId = 'to-decide' | 'my-requests' | 'my-grants' | 'decided';

/** What a decision did, in words; for a pending request, what it still needs. */
function outcome(request: AccessRequest, status?: ApprovalStatus): string {
  if (request.state === 'approved' && request.grant) {
    return `Approved: access granted until ${formatDateTime(
      request.grant.expiresAt,
    )}${
      request.grant.expiresBecause === 'agreement'
        ? ', when the agreement it relies on ends'
        : ''
    }.`;
  }
  if (request.state === 'pending') {
    const approved = status?.approved.length ?? approvalsOf(request);
    const required = status?.stillRequired.length ?? 0;
    return `Recorded: ${approved} of ${
      request.approvalsRequired
    } approvals so far${
      required
        ? `; ${plural(required, 'required stewardship')} must also approve`
        : ''
    }.`;
  }
  return `Recorded: the request is ${request.state}.`;
}

/**
 * The steward inbox: requests to decide, the viewer's own requests and
 * grants, and requests already decided.
 */
export function DataAccessContent() {
  const api = useApi(datapactApiRef);
  const { viewer, error: viewerError } = useViewer();
  const [tab, setTab] = useState<TabId>('to-decide');
  const [message, setMessage] = useState<string>();

  const lists = useAsyncRetry(async () => {
    if (!viewer) return undefined;
    const [toDecide, mine, grants, visible] = await Promise.all([
      api.listAccessRequests({ toDecide: true, limit: LIMIT }),
      api.listAccessRequests({ mine: true, limit: LIMIT }),
      api.listGrants({ user: viewer.userEntityRef, limit: LIMIT }),
      api.listAccessRequests({ limit: LIMIT }),
    ]);
    const me = viewer.userEntityRef;
    return {
      toDecide: toDecide.items,
      mine: mine.items,
      grants: grants.items,
      // Others' requests that are decided, or that the viewer has decided
      // and that wait for another approver.
      decided: visible.items.filter(
        r =>
          r.requester.toLocaleLowerCase('en-US') !== me &&
          (r.state !== 'pending' ||
            r.decisions.some(
              d => d.approver.toLocaleLowerCase('en-US') === me,
            )),
      ),
    };
  }, [api, viewer]);

  const error = lists.error ?? viewerError;
  if (error) {
    return <Alert severity="error">{error.message}</Alert>;
  }
  if (!viewer || !lists.value) {
    return <Progress />;
  }
  const { toDecide, mine, grants, decided } = lists.value;
  const onChanged = async (changed?: AccessRequest) => {
    lists.retry();
    if (!changed) {
      setMessage(undefined);
      return;
    }
    // What a pending request still needs is the server's answer.
    const status =
      changed.state === 'pending'
        ? await api.getApprovalStatus(changed.id).catch(() => undefined)
        : undefined;
    setMessage(outcome(changed, status));
  };
  const common = {
    viewerRef: viewer.userEntityRef,
    loading: lists.loading,
    onChanged,
  };

  return (
    <>
      <Tabs
        value={tab}
        onChange={(_, value) => setTab(value)}
        indicatorColor="primary"
        textColor="primary"
      >
        <Tab value="to-decide" label={`To decide (${toDecide.length})`} />
        <Tab value="my-requests" label={`My requests (${mine.length})`} />
        <Tab value="my-grants" label={`My grants (${grants.length})`} />
        <Tab value="decided" label={`Decided (${decided.length})`} />
      </Tabs>
      {message && (
        <Box mt={2}>
          <Alert severity="success" onClose={() => setMessage(undefined)}>
            {message}
          </Alert>
        </Box>
      )}
      <Box mt={2}>
        {tab === 'to-decide' && (
          <AccessRequestTable
            {...common}
            title="Requests waiting for your decision"
            requests={toDecide}
            emptyText="Nothing to decide: no pending request for a dataset you approve waits for you."
          />
        )}
        {tab === 'my-requests' && (
          <AccessRequestTable
            {...common}
            title="Your requests"
            requests={mine}
            emptyText="You have not requested any dataset yet: open a dataset and choose Request access."
          />
        )}
        {tab === 'my-grants' && (
          <GrantTable
            title="Your grants"
            grants={grants}
            loading={lists.loading}
            emptyText="You hold no grants."
          />
        )}
        {tab === 'decided' && (
          <AccessRequestTable
            {...common}
            title="Decided requests"
            requests={decided}
            emptyText="No decided requests that you may see."
          />
        )}
      </Box>
      <Typography variant="caption" color="textSecondary" component="p">
        Every request, decision and grant is written to a hash-chained audit
        log.
      </Typography>
    </>
  );
}

/**
 * {@link DataAccessContent} as a page of its own, with a header unless the
 * app draws one (the new frontend system does).
 */
export function DataAccessPage(props: { header?: boolean }) {
  const { header = true } = props;
  if (!header) {
    return (
      <Content>
        <DataAccessContent />
      </Content>
    );
  }
  return (
    <Page themeId="tool">
      <Header
        title="Data access"
        subtitle="Requests to decide, your requests and your grants"
      />
      <Content>
        <DataAccessContent />
      </Content>
    </Page>
  );
}
