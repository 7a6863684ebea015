import { describe, expect, it } from 'vitest';
import {
  assignmentEmail,
  citizenAcknowledgementEmail,
  citizenUpdateEmail,
  handOverEmail,
  openStreetMapUrl,
  overdueRequestEmail,
  statusInWords,
  unroutedRequestEmail,
} from '../../../functions/cps/emails.ts';
import type { Assignee, CivicRequest, RequestUpdate } from '../../../functions/cps/types.ts';

const official: Assignee = {
  officialId: 'off-1',
  name: 'Luíza Magalhães',
  title: 'Subprefeita de Itaquera',
  email: 'luiza.magalhaes@sp.example',
};

const colleague: Assignee = {
  officialId: 'off-2',
  name: 'Carlos Souza',
  title: 'Zeladoria Urbana',
  email: 'carlos.souza@sp.example',
};

const request = (overrides: Partial<CivicRequest> = {}): CivicRequest => ({
  id: 'req-0001',
  cityId: 'sao-paulo',
  cityName: 'São Paulo',
  service: 'pothole',
  serviceName: 'Pothole',
  district: 'Itaquera',
  description: 'Big hole near the bus stop.\nTwo flat tyres this week.',
  location: { lat: -23.5428714, lng: -46.4571236 },
  address: 'Avenida Itaquera, 8251',
  contact: { name: 'José Gonçalves', email: 'jose@citizen.example', phone: '+55 11 98765-4321' },
  status: 'assigned',
  assignedTo: official,
  createdAt: '2026-07-14T11:32:00.000Z',
  updatedAt: '2026-07-14T11:32:00.000Z',
  expectedAt: '2026-07-17T11:32:00.000Z',
  ...overrides,
});

const update = (overrides: Partial<RequestUpdate> = {}): RequestUpdate => ({
  at: '2026-07-15T09:10:00.000Z',
  actor: official.email,
  status: 'in_progress',
  note: 'Repair crew booked for Thursday morning.',
  public: true,
  ...overrides,
});

const URL = 'https://wego.example/en/official/requests/req-0001';
const LINKS = {
  page: 'https://wego.example/en/requests/req-0001',
  removeContact: 'https://wego.example/en/requests/req-0001/contact?token=t0k3n',
};
const SECRETARIAT = 'secretariat@wego.example';

/** Every CPS email, built from one request, so a rule can be checked on all of them. */
const allEmails = (r: CivicRequest) => ({
  assignment: assignmentEmail(r, official, URL),
  handOver: handOverEmail(r, colleague, 'Sidewalks belong to Zeladoria.', URL),
  acknowledgement: citizenAcknowledgementEmail(r, LINKS),
  citizenUpdate: citizenUpdateEmail(r, update(), LINKS),
  unrouted: unroutedRequestEmail(SECRETARIAT, { ...r, status: 'submitted', assignedTo: undefined }, URL),
  overdue: overdueRequestEmail(SECRETARIAT, { ...r, overdue: true }, URL, new Date('2026-07-20T13:32:00Z')),
});

const XSS = '<img src=x onerror=alert(1)>';
const XSS_ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';

describe('subjects', () => {
  it('carry the request id in every email', () => {
    for (const [name, email] of Object.entries(allEmails(request()))) {
      expect(email.subject, name).toContain('req-0001');
    }
  });

  it('name the matter and the district of the assignment', () => {
    expect(assignmentEmail(request(), official, URL).subject).toBe(
      '[WeGO CPS] Request req-0001 assigned to you: Pothole in Itaquera',
    );
  });

  it('say that the request was handed over to the new official', () => {
    expect(handOverEmail(request(), colleague, 'r', URL).subject).toContain(
      'Request req-0001 handed over to you',
    );
  });

  it('contain "Overdue" for an escalated request', () => {
    const email = overdueRequestEmail(SECRETARIAT, request({ overdue: true }), URL);
    expect(email.subject).toContain('Overdue');
    expect(email.subject).toContain('req-0001');
  });

  it('never carry CR/LF typed into the district', () => {
    // Prepare
    const r = request({ district: 'Itaquera\r\nBcc: victim@example.com\nX' });

    // Act
    const emails = allEmails(r);

    // Assess
    for (const [name, email] of Object.entries(emails)) {
      expect(email.subject, name).not.toMatch(/[\r\n\u2028\u2029]/);
      expect(email.subject, name).toContain('Itaquera Bcc: victim@example.com X');
    }
  });

  it('shorten a very long district so that the subject stays readable', () => {
    const email = assignmentEmail(request({ district: 'Vila Mariana '.repeat(20) }), official, URL);
    expect(email.subject.length).toBeLessThan(160);
    expect(email.subject).toContain('…');
  });
});

describe('citizen text', () => {
  it('arrives escaped in HTML and verbatim in text, in every email', () => {
    // Prepare
    const r = request({ description: `Look: ${XSS}`, district: `D ${XSS}` });

    // Act
    const emails = {
      ...allEmails(r),
      citizenUpdate: citizenUpdateEmail(r, update({ note: `Note ${XSS}` }), LINKS),
    };

    // Assess
    for (const [name, email] of Object.entries(emails)) {
      expect(email.html, name).not.toContain('<img');
      expect(email.html, name).toContain(`D ${XSS_ESCAPED}`);
      expect(email.text, name).toContain(`D ${XSS}`);
    }
    for (const name of ['assignment', 'acknowledgement', 'unrouted', 'overdue'] as const) {
      expect(emails[name].html, name).toContain(`Look: ${XSS_ESCAPED}`);
      expect(emails[name].text, name).toContain(`> Look: ${XSS}`);
    }
    expect(emails.handOver.text).toContain(`Description: Look: ${XSS}`);
    expect(emails.citizenUpdate.html).toContain(`Note ${XSS_ESCAPED}`);
    expect(emails.citizenUpdate.text).toContain(`> Note ${XSS}`);
  });

  it('cannot pass for a fact line in the text part of the hand-over, where it is a fact itself', () => {
    const email = handOverEmail(
      request({ description: 'Hole\nCitizen email: evil@x.example' }),
      colleague,
      'r',
      URL,
    );
    expect(email.text).toContain('Description: Hole / Citizen email: evil@x.example');
    expect(email.text).not.toMatch(/^Citizen email: evil/m);
  });
});

describe('privacy', () => {
  it('never shows the official email address to the citizen', () => {
    // Prepare: the update's actor is the official's email, as a handler may record it
    const r = request();
    const emails = [
      citizenAcknowledgementEmail(r, LINKS),
      citizenUpdateEmail(r, update(), LINKS),
      citizenUpdateEmail(r, update({ status: 'resolved' }), LINKS),
    ];

    // Assess
    for (const email of emails) {
      expect(email.html).not.toContain(official.email);
      expect(email.text).not.toContain(official.email);
      expect(email.text).toContain('Luíza Magalhães, Subprefeita de Itaquera');
    }
  });

  it('gives the assigned official the citizen contact details', () => {
    const email = assignmentEmail(request(), official, URL);
    expect(email.text).toContain('Citizen: José Gonçalves');
    expect(email.text).toContain('Citizen email: jose@citizen.example');
    expect(email.text).toContain('Citizen phone: +55 11 98765-4321');
  });

  it('says so when the citizen left no contact details', () => {
    const email = assignmentEmail(request({ contact: undefined }), official, URL);
    expect(email.text).toContain('Citizen: No contact details given');
    expect(email.text).not.toContain('Citizen email');
  });

  it('shows the Secretariat who the overdue request is assigned to, email included', () => {
    const email = overdueRequestEmail(SECRETARIAT, request({ overdue: true }), URL);
    expect(email.text).toContain('Assigned to: Luíza Magalhães, Subprefeita de Itaquera');
    expect(email.text).toContain('Official email: luiza.magalhaes@sp.example');
  });
});

describe('recipients', () => {
  it('sends each email to the right person', () => {
    const emails = allEmails(request());
    expect(emails.assignment.to).toEqual([official.email]);
    expect(emails.handOver.to).toEqual([colleague.email]);
    expect(emails.acknowledgement.to).toEqual(['jose@citizen.example']);
    expect(emails.citizenUpdate.to).toEqual(['jose@citizen.example']);
    expect(emails.unrouted.to).toEqual([SECRETARIAT]);
    expect(emails.overdue.to).toEqual([SECRETARIAT]);
  });

  it('addresses no one when the citizen gave no email', () => {
    const r = request({ contact: { name: 'Anon', phone: '+55 11 1234-5678' } });
    expect(citizenAcknowledgementEmail(r, LINKS).to).toEqual([]);
    expect(citizenUpdateEmail(r, update(), LINKS).to).toEqual([]);
  });
});

describe('assignmentEmail', () => {
  const email = assignmentEmail(request(), official, URL);

  it('gives the matter, the place, the map link as text and the due time', () => {
    for (const fact of [
      'Request: req-0001',
      'Matter: Pothole',
      'District: Itaquera',
      'Address: Avenida Itaquera, 8251',
      'Location: -23.542871, -46.457124',
      'Map: https://www.openstreetmap.org/?mlat=-23.542871&mlon=-46.457124',
      'Expected by: July 17, 2026 at 11:32 AM UTC',
    ]) {
      expect(email.text).toContain(fact);
    }
    expect(email.html).not.toContain('href="https://www.openstreetmap.org');
    expect(email.text).toContain(
      "The citizen's description:\n> Big hole near the bus stop.\n> Two flat tyres this week.",
    );
  });

  it('links the request with an "Open the request" button', () => {
    expect(email.html).toContain(`href="${URL}"`);
    expect(email.html).toContain('>Open the request</a>');
    expect(email.text).toContain(`Open the request: ${URL}`);
  });

  it('leaves out the place facts the citizen did not give', () => {
    const bare = assignmentEmail(request({ location: undefined, address: undefined }), official, URL);
    expect(bare.text).not.toContain('Map:');
    expect(bare.text).not.toContain('Address:');
    expect(bare.text).toContain('District: Itaquera');
  });
});

describe('handOverEmail', () => {
  it('quotes the reason and warns when the request is already overdue', () => {
    const email = handOverEmail(
      request({ overdue: true }),
      colleague,
      'Not our street.\nAsk Zeladoria.',
      URL,
    );
    expect(email.text).toContain('Reason for the hand-over:\n> Not our street.\n> Ask Zeladoria.');
    expect(email.text).toContain('It is already overdue');
    expect(email.text).toContain('Dear Carlos Souza,');
  });
});

describe('citizenAcknowledgementEmail', () => {
  it('names who handles the request and when it is expected', () => {
    const email = citizenAcknowledgementEmail(request(), LINKS);
    expect(email.text).toContain('req-0001');
    expect(email.text).toContain('Handled by: Luíza Magalhães, Subprefeita de Itaquera');
    expect(email.text).toContain('Expected by: July 17, 2026 at 11:32 AM UTC');
    expect(email.text).toContain(`Follow your request: ${LINKS.page}`);
    expect(email.text).toContain(`Remove my contact details: ${LINKS.removeContact}`);
  });

  it('says the Secretariat will find the right office when no official was found', () => {
    const email = citizenAcknowledgementEmail(request({ status: 'submitted', assignedTo: undefined }), LINKS);
    expect(email.text).toContain('the WeGO Secretariat will find the right office');
    expect(email.text).toContain('Status: received, waiting for an official');
  });
});

describe('citizenUpdateEmail', () => {
  it('gives the new status in plain words and quotes the note', () => {
    const email = citizenUpdateEmail(request(), update(), LINKS);
    expect(email.subject).toBe('Your request req-0001 (Pothole in Itaquera) is now in progress');
    expect(email.text).toContain('New status: in progress');
    expect(email.text).toContain('> Repair crew booked for Thursday morning.');
  });

  it('speaks of statuses in plain words', () => {
    expect(statusInWords('submitted')).toBe('received, waiting for an official');
    expect(statusInWords('assigned')).toBe('assigned to an official');
    expect(statusInWords('in_progress')).toBe('in progress');
    expect(statusInWords('resolved')).toBe('resolved');
    expect(statusInWords('closed')).toBe('closed');
  });
});

describe('Secretariat emails', () => {
  it('tells the Secretariat how to route an unrouted request', () => {
    const email = unroutedRequestEmail(
      SECRETARIAT,
      request({ status: 'submitted', assignedTo: undefined }),
      URL,
    );
    expect(email.text).toContain('POST /requests/req-0001/assign');
    expect(email.text).toContain('PUT /cities/sao-paulo/routing');
    expect(email.text).toContain('Citizen email: jose@citizen.example');
  });

  it('says since when the overdue request is due and by how long it is late', () => {
    const email = overdueRequestEmail(
      SECRETARIAT,
      request({ overdue: true }),
      URL,
      new Date('2026-07-20T13:32:00Z'),
    );
    expect(email.text).toContain('Due since: July 17, 2026 at 11:32 AM UTC');
    expect(email.text).toContain('Overdue by: 3 days and 2 hours');
  });

  it('takes the escalation time as now by default, and says when nobody is assigned', () => {
    const email = overdueRequestEmail(
      SECRETARIAT,
      request({ assignedTo: undefined, status: 'submitted', escalatedAt: '2026-07-18T11:32:00.000Z' }),
      URL,
    );
    expect(email.text).toContain('Overdue by: 1 day');
    expect(email.text).toContain('Assigned to: Nobody');
  });
});

describe('openStreetMapUrl', () => {
  it('puts a marker on the spot, rounded to six decimals', () => {
    expect(openStreetMapUrl({ lat: 37.5856, lng: 126.9822 })).toBe(
      'https://www.openstreetmap.org/?mlat=37.5856&mlon=126.9822#map=18/37.5856/126.9822',
    );
    expect(openStreetMapUrl({ lat: -23.5428714, lng: -46.4571236 })).toContain(
      'mlat=-23.542871&mlon=-46.457124',
    );
  });
});

describe('photos in the emails of officials and the Secretariat', () => {
  const photos = [
    'https://wego.example/media/request-photo/0b7e3d5c-1a2b-4c3d-8e9f-001122334455.jpg',
    'https://fms.example/photo/42.0.full.jpeg?a=1&b=2',
  ];
  const withPhotos = request({ mediaUrls: photos });

  it('links each photo, in the reader’s language, in both parts', () => {
    const english = assignmentEmail(withPhotos, official, URL);
    const korean = handOverEmail(withPhotos, { ...colleague, language: 'ko' }, 'Roads', URL);
    const secretariat = unroutedRequestEmail('secretariat@wego.example', withPhotos, URL);

    expect(english.text).toContain(`Photo 1 of 2: ${photos[0]}`);
    expect(english.text).toContain(`Photo 2 of 2: ${photos[1]}`);
    expect(english.html).toContain(`<a href="${photos[0]}"`);
    expect(english.html).toContain('href="https://fms.example/photo/42.0.full.jpeg?a=1&amp;b=2"');
    expect(korean.text).toContain(`사진 1/2: ${photos[0]}`);
    expect(secretariat.text).toContain(`Photo 2 of 2: ${photos[1]}`);
  });

  it('says nothing of photos when there are none', () => {
    expect(assignmentEmail(request(), official, URL).text).not.toContain('Photo');
  });
});
