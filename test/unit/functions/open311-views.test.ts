import { describe, expect, it } from 'vitest';
import { attributesOf } from '../../../functions/cps/attributes.ts';
import type { CivicRequest } from '../../../functions/cps/types.ts';
import {
  createdEntry,
  discoveryDocument,
  postedUpdateEntry,
  requestEntry,
  SPECIFICATION,
  serviceDefinition,
  serviceEntry,
  tokenEntry,
  updateEntry,
  w3c,
} from '../../../functions/open311/views.ts';

const request: CivicRequest = {
  id: 'K7Q2M9XW4T1B',
  cityId: 'city-1',
  cityName: 'Testville',
  service: 'pothole',
  serviceName: 'Pothole',
  district: 'North',
  description: 'A deep pothole',
  location: { lat: 37.5665, lng: 126.978 },
  address: '1 Main Street',
  contact: { name: 'Ana Citizen', email: 'ana@citizen.example', phone: '+82 10 1234 5678' },
  status: 'in_progress',
  assignedTo: { officialId: 'o-1', name: 'Kim Roads', title: 'Head of Roads', email: 'kim@city.example' },
  createdAt: '2026-05-01T10:00:00.123Z',
  updatedAt: '2026-05-02T11:00:00.000Z',
  expectedAt: '2026-05-04T10:00:00.123Z',
};

describe('requestEntry (GET Service Requests, response fields)', () => {
  it('maps every field of the spec', () => {
    expect(requestEntry({ ...request, publicNote: 'Crew sent' })).toEqual({
      service_request_id: 'K7Q2M9XW4T1B',
      status: 'open',
      status_notes: 'Crew sent',
      service_name: 'Pothole',
      service_code: 'pothole',
      description: 'A deep pothole',
      agency_responsible: 'Head of Roads',
      service_notice: expect.stringContaining('2026-05-04T10:00:00Z'),
      requested_datetime: '2026-05-01T10:00:00Z',
      updated_datetime: '2026-05-02T11:00:00Z',
      expected_datetime: '2026-05-04T10:00:00Z',
      address: '1 Main Street',
      address_id: null,
      zipcode: null,
      lat: 37.5665,
      long: 126.978,
      media_url: null,
    });
  });

  it('answers the first media_url as given, and the address_id', () => {
    const entry = requestEntry({
      ...request,
      mediaUrls: ['https://fms.example/1.jpeg', 'https://fms.example/2.jpeg'],
      addressId: '#NOTPINPOINTED#',
    });
    expect(entry.media_url).toBe('https://fms.example/1.jpeg');
    expect(entry.address_id).toBe('#NOTPINPOINTED#');
  });

  it('never shows the attributes nor the fields an app kept, which may carry personal data', () => {
    const text = JSON.stringify(
      requestEntry({ ...request, attributes: { uprn: '100023336956' }, extra: { deviceid: 'phone-of-ana' } }),
    );
    expect(text).not.toContain('100023336956');
    expect(text).not.toContain('phone-of-ana');
  });

  it("never shows the citizen's contact nor the official's name or email", () => {
    const text = JSON.stringify(requestEntry({ ...request, publicNote: 'note' }));

    expect(text).not.toContain('ana@citizen.example');
    expect(text).not.toContain('Ana Citizen');
    expect(text).not.toContain('1234 5678');
    expect(text).not.toContain('kim@city.example');
    expect(text).not.toContain('o-1');
  });

  it.each([
    ['submitted', 'open'],
    ['assigned', 'open'],
    ['in_progress', 'open'],
    ['resolved', 'closed'],
    ['closed', 'closed'],
  ] as const)('shows status %s as %s', (status, open311) => {
    expect(requestEntry({ ...request, status }).status).toBe(open311);
  });

  it('gives null for what a request does not have', () => {
    const bare: CivicRequest = { ...request, status: 'submitted' };
    delete (bare as { assignedTo?: unknown }).assignedTo;
    delete (bare as { location?: unknown }).location;
    delete (bare as { address?: unknown }).address;

    expect(requestEntry(bare)).toMatchObject({
      status_notes: null,
      agency_responsible: null,
      address: null,
      lat: null,
      long: null,
    });
    expect(requestEntry(bare).service_notice).toMatch(/Secretariat/);
  });
});

describe('w3c', () => {
  it('writes times as the spec does, without milliseconds', () => {
    expect(w3c('2010-01-01T00:00:00.000Z')).toBe('2010-01-01T00:00:00Z');
    expect(w3c('2010-01-01T00:00:00Z')).toBe('2010-01-01T00:00:00Z');
  });
});

describe('serviceEntry (GET Service List)', () => {
  it('lists a service with metadata true (it has the district attribute) and type realtime', () => {
    expect(
      serviceEntry({
        code: 'pothole',
        name: 'Pothole',
        description: 'Holes',
        group: 'streets',
        slaHours: 48,
      }),
    ).toEqual({
      service_code: 'pothole',
      service_name: 'Pothole',
      description: 'Holes',
      metadata: true,
      type: 'realtime',
      keywords: 'pothole, streets',
      group: 'streets',
    });
  });

  it('does not show the SLA hours, and gives null for a missing description or group', () => {
    const entry = serviceEntry({ code: 'noise', name: 'Noise', slaHours: 24 });
    expect(entry).toMatchObject({ description: null, group: null, keywords: 'noise' });
    expect(JSON.stringify(entry)).not.toContain('24');
  });
});

describe('serviceDefinition (GET Service Definition)', () => {
  it('declares the district attribute as it is enforced: an optional string when the service defines none', () => {
    expect(serviceDefinition('pothole', attributesOf({}))).toEqual({
      service_code: 'pothole',
      attributes: [
        {
          variable: true,
          code: 'district',
          datatype: 'string',
          required: false,
          datatype_description: expect.stringContaining('routes the request'),
          order: 1,
          description: 'District',
        },
      ],
    });
  });

  it("lists the service's own attributes after the district, numbered in order, with their values", () => {
    const definition = serviceDefinition(
      'pothole',
      attributesOf({
        attributes: [
          { code: 'note', datatype: 'text', required: false, description: 'Anything else?', order: 9 },
          {
            code: 'size',
            datatype: 'singlevaluelist',
            required: true,
            description: 'How big?',
            datatypeDescription: 'Pick one',
            order: 3,
            values: [{ key: 'big', name: 'Big' }],
          },
        ],
      }),
    );
    expect(definition.attributes.map((a) => [a.code, a.order])).toEqual([
      ['district', 1],
      ['size', 2],
      ['note', 3],
    ]);
    expect(definition.attributes[1]).toEqual({
      variable: true,
      code: 'size',
      datatype: 'singlevaluelist',
      required: true,
      datatype_description: 'Pick one',
      order: 2,
      description: 'How big?',
      values: [{ key: 'big', name: 'Big' }],
    });
    expect(definition.attributes[2]).not.toHaveProperty('values');
  });
});

describe('tokens, updates (FixMyStreet servicerequestupdates)', () => {
  it('resolves a token to its request id at once', () => {
    expect(tokenEntry('K7Q2M9XW4T1B')).toEqual({ service_request_id: 'K7Q2M9XW4T1B', token: 'K7Q2M9XW4T1B' });
  });

  it('lists an update with the fields FixMyStreet reads, status as open or closed', () => {
    expect(
      updateEntry({
        updateId: 'u-1',
        requestId: 'K7Q2M9XW4T1B',
        at: '2026-05-02T11:00:00.000Z',
        status: 'resolved',
        note: 'Filled',
      }),
    ).toEqual({
      update_id: 'u-1',
      service_request_id: 'K7Q2M9XW4T1B',
      status: 'closed',
      description: 'Filled',
      media_url: '',
      updated_datetime: '2026-05-02T11:00:00Z',
    });
  });

  it('answers a posted comment with its update_id, and account_id when sent', () => {
    expect(postedUpdateEntry('u-2', undefined)).toEqual({ update_id: 'u-2' });
    expect(postedUpdateEntry('u-2', 'acct')).toEqual({ update_id: 'u-2', account_id: 'acct' });
  });
});

describe('discoveryDocument (Service Discovery: all fields are required)', () => {
  it('has changeset, contact, key_service and one production endpoint in both formats', () => {
    const doc = discoveryDocument({
      baseUrl: 'https://api.wego.example/',
      cityId: 'city-1',
      cityName: 'Testville',
      changeset: '2026-05-01T10:00:00Z',
      secretariatEmail: 'secretariat@wego.example',
    });

    expect(doc).toEqual({
      changeset: '2026-05-01T10:00:00Z',
      contact: expect.stringContaining('secretariat@wego.example'),
      key_service: expect.stringContaining('secretariat@wego.example'),
      endpoints: [
        {
          specification: SPECIFICATION,
          // FixMyStreet and three append services.xml to it as it is.
          url: 'https://api.wego.example/open311/v2/city-1/',
          changeset: '2026-05-01T10:00:00Z',
          type: 'production',
          formats: ['application/json', 'text/xml'],
        },
      ],
    });
    expect(SPECIFICATION).toBe('http://wiki.open311.org/GeoReport_v2');
  });
});

describe('createdEntry (POST Service Request, response)', () => {
  it('returns the id at once, a notice, and echoes account_id (null when not sent)', () => {
    expect(createdEntry(request, 'acct-9')).toEqual({
      service_request_id: 'K7Q2M9XW4T1B',
      service_notice: expect.stringContaining('Head of Roads'),
      account_id: 'acct-9',
    });
    expect(createdEntry(request, undefined).account_id).toBeNull();
    expect(JSON.stringify(createdEntry(request, undefined))).not.toContain('kim@city.example');
  });
});
