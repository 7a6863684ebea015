/**
 * Writes every membership email (HTML part) and every ballot page to a folder, with realistic
 * sample data, so they can be opened in a browser or screenshotted:
 *
 *   npx tsx scripts/render-previews.ts /tmp/previews
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ballotErrorPage, ballotPage, voteRecordedPage } from '../functions/ballots/page.ts';
import type { Application } from '../functions/membership/application.ts';
import {
  acceptedEmail,
  applicationReceivedEmail,
  ballotEmail,
  fullApprovedEmail,
  fullNotApprovedEmail,
  rejectedEmail,
  withdrawnEmail,
  workflowFailedEmail,
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
