import { screen } from '@testing-library/react';
import { dataset, fakeDatapactApi } from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { EntityDatasetAuditCard } from './DatasetAuditCard';

const entry = {
  seq: 1,
  at: '2026-11-20T10:00:00.000Z',
  actor: 'user:default/tomas.novak',
  action: 'access-request.created',
  subject: 'access-request:req-1',
  entity: 'dataset:default/clinic-visits-2024',
  details: { purpose: 'research', duration: 'P60D' },
  prevHash: '0'.repeat(64),
  hash: 'abcdef0123456789'.repeat(4),
};

describe('DatasetAuditCard', () => {
  it("shows the dataset's audit history and the chain's state to an approver", async () => {
    const api = fakeDatapactApi({
      listAudit: jest.fn().mockResolvedValue({ items: [entry] }),
      verifyAudit: jest.fn().mockResolvedValue({ ok: true, entries: 1 }),
    });
    await renderWithApis(<EntityDatasetAuditCard />, {
      entity: dataset,
      api,
      user: 'user:default/ben.okafor',
    });
    expect(
      await screen.findByText('access request created'),
    ).toBeInTheDocument();
    expect(api.listAudit).toHaveBeenCalledWith({
      entity: 'dataset:default/clinic-visits-2024',
      limit: 100,
    });
    expect(
      screen.getByText('purpose: research; duration: P60D'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('hash chain intact (1 entries checked)'),
    ).toBeInTheDocument();
  });

  it('says where the chain breaks', async () => {
    const api = fakeDatapactApi({
      listAudit: jest.fn().mockResolvedValue({ items: [entry] }),
      verifyAudit: jest.fn().mockResolvedValue({
        ok: false,
        entries: 5,
        firstBadSeq: 3,
        problem: 'hash mismatch',
      }),
    });
    await renderWithApis(<EntityDatasetAuditCard />, {
      entity: dataset,
      api,
      user: 'user:default/ana.ruiz',
    });
    expect(
      await screen.findByText('hash chain broken at entry 3: hash mismatch'),
    ).toBeInTheDocument();
  });

  it('shows what the server lets the viewer read, and says why it may be empty', async () => {
    const api = fakeDatapactApi();
    await renderWithApis(<EntityDatasetAuditCard />, {
      entity: dataset,
      api,
    });
    expect(
      await screen.findByText(/Nothing you may read: nobody has requested/),
    ).toBeInTheDocument();
    expect(api.listAudit).toHaveBeenCalledWith({
      entity: 'dataset:default/clinic-visits-2024',
      limit: 100,
    });
  });
});
