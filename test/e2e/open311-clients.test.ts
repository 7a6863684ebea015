import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { siteUrl } from './browser.ts';
import { applicationForm, associateCity, secretariat } from './membership-support.ts';
import { fixture, served } from './photo-support.ts';
import { apiUrl, call, tokenFor, waitForEmail } from './support.ts';

/**
 * The Open311 clients cities already run, driven as their code sends requests (issue 13, one test per
 * row of its table): FixMyStreet (mysociety/fixmystreet perllib/Open311.pm, in its send modes),
 * Code for America's `three` (codeforamerica/three three/core.py) and the Python `open311` library
 * (codeforamerica/open311_python open311/open311.py). Each client starts from the endpoint URL of the
 * city's discovery document, through the site's address, as a city would configure it.
 *
 * Photos in the body (multipart/form-data): FixMyStreet's `upload_files` / `always_upload_photos`
 * (perllib/Open311.pm: HTTP::Request::Common `POST` with `Content_Type => 'form-data'`, the params,
 * then each photo as a file part `photo1`, `photo2`… named `photo<n>.jpeg` with its Content-Type; a
 * cobrand's `open311_munge_uploads` may add more, as Bromley's `map_photo`) and `three`'s
 * `post(..., media=open('photo.png', 'rb'))` (requests' `files={'media': media}`: the data fields,
 * then one part `media` with the file's name and no Content-Type).
 */

/** What FixMyStreet's `_get_xml_object` forces to lists (its GroupTags), read the same way. */
const xml = new XMLParser({
  isArray: (name) => ['service', 'attribute', 'value', 'request', 'error', 'request_update'].includes(name),
  parseTagValue: false,
});
function parseXml(text: string) {
  expect(XMLValidator.validate(text)).toBe(true);
  return xml.parse(text);
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}
async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/**
 * FixMyStreet, perllib/Open311.pm `_request`: each path is appended to the endpoint as it is
 * (`$uri->path($uri->path . $path)`), `jurisdiction_id` goes with every request and `api_key` with
 * POSTs. GET parameters go through URI's `query_form` (which escapes commas); a POST body through
 * HTTP::Request::Common's `POST` (form-urlencoded; an array repeats its field).
 */
function fixMyStreet(endpoint: string, jurisdiction: string, apiKey: string) {
  const form = (params: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    }
    return body;
  };
  return {
    get: (path: string, params: Record<string, string> = {}) => {
      const url = new URL(endpoint + path);
      for (const [name, value] of Object.entries({ ...params, jurisdiction_id: jurisdiction })) {
        url.searchParams.set(name, value);
      }
      return send(url.toString(), { headers: { 'user-agent': 'libwww-perl/6.77' } });
    },
    post: (path: string, params: Record<string, string | string[]>) =>
      send(endpoint + path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'libwww-perl/6.77' },
        body: form({ ...params, jurisdiction_id: jurisdiction, api_key: apiKey }),
      }),
  };
}

/** A multipart/form-data body as the client builds it: `[name, value]` fields, then `[name, file]` parts. */
function multipart(
  boundary: string,
  parts: ([string, string] | [string, { filename: string; type?: string; bytes: Buffer }])[],
) {
  const chunks = parts.flatMap(([name, value]) => {
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${name}"`;
    if (typeof value === 'string') return [Buffer.from(`${head}\r\n\r\n${value}\r\n`)];
    const type = value.type ? `\r\nContent-Type: ${value.type}` : '';
    return [
      Buffer.from(`${head}; filename="${value.filename}"${type}\r\n\r\n`),
      value.bytes,
      Buffer.from('\r\n'),
    ];
  });
  return Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]);
}

/**
 * FixMyStreet with `upload_files`: HTTP::Request::Common's form-data (its boundary `xYzZY`), the params
 * first, then the uploads, each `[undef, 'photo<n>.jpeg', Content_Type => 'image/jpeg', Content => ...]`.
 */
function fixMyStreetUploads(endpoint: string, jurisdiction: string, apiKey: string) {
  return (path: string, params: Record<string, string | string[]>, uploads: Record<string, Buffer>) => {
    const fields = Object.entries({ ...params, jurisdiction_id: jurisdiction, api_key: apiKey }).flatMap(
      ([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => [name, v] as [string, string]),
    );
    const files = Object.entries(uploads).map(
      ([name, bytes]) =>
        [name, { filename: `${name}.jpeg`, type: 'image/jpeg', bytes }] as [
          string,
          { filename: string; type: string; bytes: Buffer },
        ],
    );
    return send(endpoint + path, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xYzZY', 'user-agent': 'libwww-perl/6.77' },
      body: multipart('xYzZY', [...fields, ...files]),
    });
  };
}

/** A FixMyStreet report, and the send options of FixMyStreet::SendReport::Open311 (its defaults). */
interface Problem {
  title: string;
  detail: string;
  name: string;
  email: string;
  phone?: string;
  latitude: number;
  longitude: number;
  usedMap: boolean;
  postcode: string;
  service?: string;
  photos: string[];
  extraFields: { name: string; value: string }[];
  url: string;
}
const SEND_DEFAULTS = {
  always_send_latlong: true,
  send_notpinpointed: false,
  use_service_as_deviceid: false,
  extended_description: true,
  multi_photos: false,
};

/** perllib/Open311.pm `_populate_service_request_params` (and `_generate_service_request_description`, non-UK). */
function serviceRequestParams(problem: Problem, serviceCode: string, options: Partial<typeof SEND_DEFAULTS>) {
  const o = { ...SEND_DEFAULTS, ...options };
  const [first = '', last = ''] = /(\w+)(?:\.?\s+(.+))?/.exec(problem.name)?.slice(1) ?? [];
  const params: Record<string, string | string[]> = {
    description: o.extended_description
      ? `${problem.title}\n\n${problem.detail}\n\n${problem.url}\n`
      : problem.detail,
    service_code: serviceCode,
    first_name: first,
    last_name: last,
  };
  if (problem.phone) params.phone = problem.phone;
  params.email = problem.email;
  if (
    problem.usedMap ||
    o.always_send_latlong ||
    (!o.send_notpinpointed && !problem.usedMap && !problem.postcode)
  ) {
    params.lat = problem.latitude.toFixed(6);
    params.long = problem.longitude.toFixed(6);
  } else if (o.send_notpinpointed && !problem.usedMap && !problem.postcode) {
    params.address_id = '#NOTPINPOINTED#';
  } else {
    params.address_string = problem.postcode;
  }
  if (problem.photos.length > 0)
    params.media_url = o.multi_photos ? problem.photos : (problem.photos[0] as string);
  if (o.use_service_as_deviceid && problem.service) params.deviceid = problem.service;
  for (const field of problem.extraFields) params[`attribute[${field.name}]`] = field.value;
  return params;
}

/** `send_service_request`: the id of `$obj->{request}->[0]->{service_request_id}`, as FixMyStreet reads it. */
async function sendServiceRequest(
  fms: ReturnType<typeof fixMyStreet>,
  params: Record<string, string | string[]>,
) {
  const res = await fms.post('requests.xml', params);
  expect(res.status, res.text).toBeGreaterThanOrEqual(200);
  expect(res.status, res.text).toBeLessThan(300);
  return parseXml(res.text).service_requests.request[0].service_request_id as string;
}

/**
 * Code for America's `three`, three/core.py: `_configure_endpoint` ends the endpoint with `/`; `get`
 * builds `endpoint + '/'.join(args) + '.' + format`, adds `jurisdiction_id` and renames `count` to
 * `page_size`, all as query parameters (`requests.get(url, params=kwargs)`).
 */
function three(endpoint: string, format: 'json' | 'xml' = 'json') {
  const base = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
  const get = (args: string[], kwargs: Record<string, string | number> = {}, method = 'GET') => {
    const { count, ...rest } = kwargs;
    const params = { ...rest, ...(count !== undefined ? { page_size: count } : {}) };
    const url = new URL(`${base}${args.filter(Boolean).join('/')}.${format}`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
    return send(url.toString(), { method });
  };
  /**
   * `post(service_code, **kwargs)`: `_post_keywords` renames `address` and splits `name`, adds
   * `api_key`; `media` goes as requests' `files={'media': media}` (a file part without Content-Type).
   */
  const post = (
    serviceCode: string,
    kwargs: Record<string, string>,
    media?: { filename: string; bytes: Buffer },
  ) => {
    const { address, name, ...rest } = kwargs;
    const [first = '', last = ''] = name?.split(' ') ?? [];
    const data = {
      ...rest,
      service_code: serviceCode,
      ...(address ? { address_string: address } : {}),
      ...(name ? { first_name: first, last_name: last } : {}),
    };
    const boundary = '6f1e2c4b0d9a4b7f8e3c2a1d0b9e8f7a';
    const parts = [
      ...Object.entries(data),
      ...(media ? [['media', media] as [string, { filename: string; bytes: Buffer }]] : []),
    ];
    return send(`${base}requests.${format}`, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'user-agent': 'python-requests/2.31.0',
      },
      body: multipart(boundary, parts),
    });
  };
  return {
    requests: (kwargs: Record<string, string | number> = {}) => get(['requests'], kwargs),
    token: (id: string) => get(['tokens', id]),
    post,
    get,
  };
}

/**
 * The Python `open311` library, open311/open311.py `post_service_request`: `jurisdiction_id` and
 * `api_key` in the query string of `endpoint + '/requests.' + format`, the arguments urlencoded as the
 * body (urllib's urlopen with data: a form POST).
 */
function pythonOpen311(endpoint: string, jurisdiction: string, apiKey: string) {
  return {
    postServiceRequest: (kwargs: Record<string, string>) =>
      send(
        `${endpoint}/requests.xml?${new URLSearchParams({ jurisdiction_id: jurisdiction, api_key: apiKey })}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(kwargs).toString(),
        },
      ),
  };
}

const tag = Date.now();
const emails = { roads: `roads-o311c-${tag}@city.example`, general: `general-o311c-${tag}@city.example` };

let cityId: string;
let endpoint: string;
let apiKey: string;
let fms: ReturnType<typeof fixMyStreet>;

const problem = (over: Partial<Problem> = {}): Problem => ({
  title: 'Deep pothole',
  detail: 'In front of the bakery, on the bus lane',
  name: 'Maria Lopez',
  email: `maria-${tag}@citizen.example`,
  latitude: 40.416775,
  longitude: -3.70379,
  usedMap: true,
  postcode: '',
  photos: [],
  extraFields: [{ name: 'size', value: 'big' }],
  url: 'https://fms.example/report/42',
  ...over,
});

/** GET /requests/{id} as the official in charge sees it, and as anyone does. */
async function seenBy(id: string) {
  const official = await call(`/requests/${id}`, {
    token: await tokenFor('secretariat', 'secretariat@wego.example'),
  });
  const anyone = await call(`/requests/${id}`);
  expect(official.status).toBe(200);
  expect(anyone.status).toBe(200);
  return { official: official.body, anyone: anyone.body, publicText: anyone.text };
}

beforeAll(async () => {
  const city = await associateCity(applicationForm({ country: 'ES', region: 'europe' }));
  cityId = city.id;
  const token = await secretariat();
  const services = [
    {
      code: 'pothole',
      name: 'Potholes',
      slaHours: 48,
      attributes: [
        {
          code: 'size',
          datatype: 'singlevaluelist',
          required: true,
          description: 'How big is it?',
          order: 1,
          values: [
            { key: 'small', name: 'Smaller than a hand' },
            { key: 'big', name: 'Bigger than a wheel' },
          ],
        },
        { code: 'depth', datatype: 'number', required: false, description: 'How deep (cm)?', order: 2 },
      ],
    },
    { code: 'streetlight', name: 'Street lights', slaHours: 24 },
  ];
  expect(
    (await call(`/cities/${cityId}/services`, { method: 'PUT', token, json: { services } })).status,
  ).toBe(200);
  const ids: Record<string, string> = {};
  for (const [key, email] of Object.entries(emails)) {
    const res = await call(`/cities/${cityId}/officials`, {
      method: 'POST',
      token,
      json: { name: `Official ${key}`, title: `Head of ${key}`, email },
    });
    ids[key] = res.body.id;
  }
  const rules = [
    { district: 'Centro', service: 'pothole', officialId: ids.roads },
    { district: '*', service: '*', officialId: ids.general },
  ];
  expect((await call(`/cities/${cityId}/routing`, { method: 'PUT', token, json: { rules } })).status).toBe(
    200,
  );
  const key = await call(`/cities/${cityId}/open311-keys`, {
    method: 'POST',
    token,
    json: { label: 'FixMyStreet' },
  });
  apiKey = key.body.apiKey;

  // The city's discovery document names the endpoint a city configures in its app.
  const discovery = await send(`${siteUrl()}/open311/v2/${cityId}/discovery.json`);
  expect(discovery.status).toBe(200);
  endpoint = JSON.parse(discovery.text).endpoints[0].url;
  fms = fixMyStreet(endpoint, cityId, apiKey);
});

describe('discovery and service definitions, as FixMyStreet reads them', () => {
  it('gives an endpoint URL with a trailing slash, to which FixMyStreet appends services.xml', async () => {
    expect(endpoint).toBe(`${siteUrl()}/open311/v2/${cityId}/`);
    const services = await fms.get('services.xml');
    expect(services.status).toBe(200);
    expect(
      parseXml(services.text).services.service.map((s: { service_code: string }) => s.service_code),
    ).toEqual(['pothole', 'streetlight']);
  });

  it("serves the Secretariat's attributes in services/<code>.xml (get_service_meta_info), district first", async () => {
    const res = await fms.get('services/pothole.xml');
    const { attributes } = parseXml(res.text).service_definition;
    expect(attributes.attribute.map((a: { code: string; order: string }) => [a.code, a.order])).toEqual([
      ['district', '1'],
      ['size', '2'],
      ['depth', '3'],
    ]);
    expect(attributes.attribute[1]).toMatchObject({
      datatype: 'singlevaluelist',
      required: 'true',
      values: {
        value: [
          { key: 'small', name: 'Smaller than a hand' },
          { key: 'big', name: 'Bigger than a wheel' },
        ],
      },
    });
  });
});

describe('the rows of issue 13, each as its client sends it', () => {
  it('FixMyStreet multi_photos: one media_url per photo, repeated, kept as given (not in the description)', async () => {
    const photos = ['https://fms.example/photo/42.0.full.jpeg', 'https://fms.example/photo/42.1.full.jpeg'];
    const params = serviceRequestParams(
      problem({
        photos,
        extraFields: [
          { name: 'size', value: 'big' },
          { name: 'district', value: 'Centro' },
        ],
      }),
      'pothole',
      { multi_photos: true },
    );
    expect(params.media_url).toEqual(photos);

    const id = await sendServiceRequest(fms, params);

    const answer = await fms.get(`requests/${id}.xml`);
    const [request] = parseXml(answer.text).service_requests.request;
    expect(request.media_url).toBe(photos[0]);
    expect(request.description).toBe(
      `Deep pothole\n\nIn front of the bakery, on the bus lane\n\n${problem().url}\n`.trim(),
    );
    const { anyone } = await seenBy(id);
    expect(anyone.mediaUrls).toEqual(photos);
    expect(anyone.description).not.toContain('photo/42');
    await waitForEmail((e) => e.destination.to.includes(emails.roads) && e.subject.includes(id));
  });

  it('FixMyStreet upload_files / always_upload_photos: the photos in the body are stored, stripped, and served back as media_url', async () => {
    // Prepare: Bromley's open311_config (multi_photos, upload_files, always_upload_photos,
    // send_notpinpointed) with two photos, and the map its open311_munge_uploads adds.
    const links = ['https://fms.example/photo/43.0.full.jpeg', 'https://fms.example/photo/43.1.full.jpeg'];
    const params = serviceRequestParams(problem({ photos: links, usedMap: false, postcode: '' }), 'pothole', {
      multi_photos: true,
      send_notpinpointed: true,
      always_send_latlong: false,
      extended_description: false,
    });
    const uploads = {
      photo1: fixture('photo.jpg'),
      photo2: fixture('photo.jpg'),
      map_photo: fixture('photo.jpg'),
    };

    // Act
    const res = await fixMyStreetUploads(endpoint, cityId, apiKey)('requests.xml', params, uploads);

    // Assess
    expect(res.status, res.text).toBe(201);
    const id = parseXml(res.text).service_requests.request[0].service_request_id as string;
    const { anyone } = await seenBy(id);
    const urls = anyone.mediaUrls as string[];
    expect(urls.slice(0, 2)).toEqual(links);
    expect(urls).toHaveLength(5);
    for (const url of urls.slice(2)) {
      expect(new URL(url).pathname).toMatch(/^\/media\/request-photo\/[\w-]+\.jpg$/);
      expect(await served(url)).toEqual({ status: 200, type: 'image/jpeg', gps: false, camera: false });
    }
    const [request] = parseXml((await fms.get(`requests/${id}.xml`)).text).service_requests.request;
    expect(request.media_url).toBe(links[0]);
  });

  it("three's post(media=open('photo.png', 'rb')): one part `media` without a type, served back as media_url", async () => {
    // Act
    const res = await three(endpoint).post(
      'streetlight',
      { address: 'Calle Mayor 1', name: 'Zach Williams', description: 'The lamp is out.', api_key: apiKey },
      { filename: 'photo.png', bytes: fixture('photo.png') },
    );

    // Assess
    expect(res.status, res.text).toBe(201);
    const [created] = JSON.parse(res.text);
    const [request] = JSON.parse((await three(endpoint).get(['requests', created.service_request_id])).text);
    expect(new URL(request.media_url).pathname).toMatch(/^\/media\/request-photo\/[\w-]+\.png$/);
    expect(await served(request.media_url)).toMatchObject({ status: 200, type: 'image/png', gps: false });
  });

  it("three's post with a file that is not a photo, six photos, or a body past the bound: an Open311 error naming it, nothing filed", async () => {
    // Prepare
    const client = three(endpoint);
    const kwargs = { address: 'Calle Mayor 2', description: 'Not a photo', api_key: apiKey };
    const before = JSON.parse((await client.requests({ service_code: 'streetlight' })).text).length;
    const six = fixMyStreetUploads(endpoint, cityId, apiKey)(
      'requests.json',
      { service_code: 'streetlight', address_string: 'Calle Mayor 2' },
      Object.fromEntries([1, 2, 3, 4, 5, 6].map((n) => [`photo${n}`, fixture('photo.jpg')])),
    );
    const huge = Buffer.alloc(4_600_000, 0xff);
    huge.set(fixture('photo.jpg'));

    // Act
    const notPhoto = await client.post('streetlight', kwargs, {
      filename: 'photo.png',
      bytes: Buffer.from('<svg/>'),
    });
    const tooMany = await six;
    const tooLarge = await client.post('streetlight', kwargs, { filename: 'big.jpg', bytes: huge });
    const after = JSON.parse((await client.requests({ service_code: 'streetlight' })).text).length;

    // Assess
    expect(notPhoto.status).toBe(400);
    expect(JSON.parse(notPhoto.text)[0]).toMatchObject({
      code: 400,
      description: expect.stringContaining('media: must be one of'),
    });
    expect(tooMany.status).toBe(400);
    expect(JSON.parse(tooMany.text)[0].description).toContain('at most 5 files');
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.text)[0]).toMatchObject({ code: 413 });
    expect(after).toBe(before);
  });

  it('a multipart POST with a wrong api_key is refused before its photos are looked at (403)', async () => {
    const res = await three(endpoint).post(
      'streetlight',
      { address: 'Calle Mayor 3', api_key: 'wrong' },
      { filename: 'photo.png', bytes: fixture('photo.png') },
    );
    expect(res.status).toBe(403);
  });

  it('FixMyStreet use_service_as_deviceid: the deviceid field is kept for the official, not shown publicly', async () => {
    const params = serviceRequestParams(problem({ service: 'Android' }), 'pothole', {
      use_service_as_deviceid: true,
    });
    expect(params.deviceid).toBe('Android');

    const id = await sendServiceRequest(fms, params);

    const { official, anyone, publicText } = await seenBy(id);
    expect(official.extra).toEqual({ deviceid: 'Android' });
    expect(anyone.extra).toBeUndefined();
    expect(publicText).not.toContain('Android');
  });

  it('FixMyStreet with extra attributes (attribute[uprn], attribute[asset_id]): kept for the official', async () => {
    const params = serviceRequestParams(
      problem({
        extraFields: [
          { name: 'size', value: 'small' },
          { name: 'uprn', value: '100023336956' },
          { name: 'asset_id', value: 'LAMP-0042' },
        ],
      }),
      'pothole',
      {},
    );

    const id = await sendServiceRequest(fms, params);

    const { official, publicText } = await seenBy(id);
    expect(official.attributes).toEqual({ size: 'small', uprn: '100023336956', asset_id: 'LAMP-0042' });
    expect(publicText).not.toContain('100023336956');
    expect((await fms.get(`requests/${id}.xml`)).text).not.toContain('LAMP-0042');
  });

  it('FixMyStreet send_notpinpointed: address_id=#NOTPINPOINTED# without lat/long, routed to the city default', async () => {
    const params = serviceRequestParams(problem({ usedMap: false, postcode: '' }), 'pothole', {
      always_send_latlong: false,
      send_notpinpointed: true,
    });
    expect(params.address_id).toBe('#NOTPINPOINTED#');
    expect(params.lat).toBeUndefined();

    const id = await sendServiceRequest(fms, params);

    const [request] = parseXml((await fms.get(`requests/${id}.xml`)).text).service_requests.request;
    expect(request).toMatchObject({ address_id: '#NOTPINPOINTED#', lat: '', long: '' });
    await waitForEmail((e) => e.destination.to.includes(emails.general) && e.subject.includes(id));
  });

  it("FixMyStreet's status-update job: every open report id in one service_request_id (more than 100)", async () => {
    const filed: string[] = [];
    for (let i = 0; i < 3; i++)
      filed.push(await sendServiceRequest(fms, serviceRequestParams(problem(), 'pothole', {})));
    // Open311::GetUpdates::update_reports asks for all of them at once: here 600 ids, most of another body.
    const others = Array.from({ length: 597 }, (_, i) => `UNKNOWN${String(i).padStart(5, '0')}`);

    const res = await fms.get('requests.xml', { service_request_id: [...others, ...filed].join(',') });

    expect(res.status).toBe(200);
    const ids = parseXml(res.text).service_requests.request.map(
      (r: { service_request_id: string }) => r.service_request_id,
    );
    expect(ids.sort()).toEqual([...filed].sort());
  });

  it("three's requests(count=5) sends page_size: at most 5 requests", async () => {
    const client = three(endpoint);
    const all = await client.requests();
    expect(JSON.parse(all.text).length).toBeGreaterThan(5);

    const res = await client.requests({ count: 5 });

    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toHaveLength(5);
    expect(JSON.parse(res.text)).toEqual(JSON.parse(all.text).slice(0, 5));
  });

  it("three's token(): the token of a request resolves at once to its id, in both formats", async () => {
    const id = await sendServiceRequest(fms, serviceRequestParams(problem(), 'pothole', {}));

    const json = await three(endpoint).token(id);
    expect(json.status).toBe(200);
    expect(JSON.parse(json.text)).toEqual([{ service_request_id: id, token: id }]);
    // FixMyStreet's get_service_request_id_from_token reads tokens/<token>.xml the same way.
    const res = await fms.get(`tokens/${id}.xml`);
    expect(parseXml(res.text).service_requests.request[0].service_request_id).toBe(id);

    const unknown = await three(endpoint, 'xml').token('NOSUCHTOKEN0');
    expect(unknown.status).toBe(404);
    expect(parseXml(unknown.text).errors.error[0].code).toBe('404');
  });

  it('any unknown path under /open311/, and HEAD, PUT, DELETE: Open311 answers in the format asked, never the gateway JSON', async () => {
    const client = three(endpoint, 'xml');
    const unknown = await client.get(['no', 'such', 'thing']);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(parseXml(unknown.text).errors.error[0].code).toBe('404');
    const outside = await send(`${siteUrl()}/open311/v3/whatever.json`);
    expect(outside.status).toBe(404);
    expect(JSON.parse(outside.text)).toEqual([
      { code: 404, description: expect.stringContaining('was not found') },
    ]);

    const head = await send(`${endpoint}discovery.json`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(head.text).toBe('');

    for (const method of ['PUT', 'DELETE']) {
      const res = await send(`${endpoint}requests.xml`, { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
      expect(parseXml(res.text).errors.error[0].code).toBe('405');
    }
    const deleted = await send(`${apiUrl()}/open311/v2/${cityId}/requests/NOSUCHREQ000.json`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(405);
    expect(JSON.parse(deleted.text)[0].code).toBe(405);
  });

  it('the Python open311 library puts api_key in the query string of the POST', async () => {
    const client = pythonOpen311(endpoint.replace(/\/$/, ''), cityId, apiKey);

    const res = await client.postServiceRequest({
      service_code: 'streetlight',
      lat: '40.4',
      long: '-3.7',
      description: 'The lamp is out',
    });

    expect(res.status).toBe(201);
    expect(parseXml(res.text).service_requests.request[0].service_request_id).toMatch(/^[0-9A-Z]{12}$/);
    const wrong = await pythonOpen311(endpoint.replace(/\/$/, ''), cityId, 'not-a-key').postServiceRequest({
      service_code: 'streetlight',
      address_string: 'x',
    });
    expect(wrong.status).toBe(403);
  });

  it('a requests window ending in the year 10000 or later is a 400, in JSON and XML', async () => {
    for (const format of ['json', 'xml'] as const) {
      const res = await three(endpoint, format).requests({ end_date: '9999-12-31T23:00:00-05:00' });
      expect(res.status).toBe(400);
      const description =
        format === 'json'
          ? JSON.parse(res.text)[0].description
          : parseXml(res.text).errors.error[0].description;
      expect(description).toMatch(/^end_date: /);
    }
  });
});

describe('what the issue found besides the table', () => {
  it('enforces attributes as the service definition declares them: required, one of the values', async () => {
    const { extraFields: _, ...noSize } = problem();
    const missing = await fms.post(
      'requests.xml',
      serviceRequestParams({ ...noSize, extraFields: [] }, 'pothole', {}),
    );
    expect(missing.status).toBe(400);
    expect(parseXml(missing.text).errors.error[0].description).toBe(
      'attribute[size]: is required for this service',
    );

    const wrong = await fms.post(
      'requests.xml',
      serviceRequestParams(
        problem({
          extraFields: [
            { name: 'size', value: 'huge' },
            { name: 'depth', value: 'deep' },
          ],
        }),
        'pothole',
        {},
      ),
    );
    expect(wrong.status).toBe(400);
    expect(parseXml(wrong.text).errors.error.map((e: { description: string }) => e.description)).toEqual([
      'attribute[size]: huge is not one of its values',
      'attribute[depth]: must be a number',
    ]);
  });

  it('answers a malformed service_code (PO.01) as not found (404), as the spec answers unknown codes', async () => {
    const res = await fms.post('requests.xml', serviceRequestParams(problem(), 'PO.01', {}));
    expect(res.status).toBe(404);
    expect(parseXml(res.text).errors.error[0].description).toBe('service_code PO.01 was not found');
    expect((await three(endpoint).requests({ service_code: 'PO.01' })).status).toBe(404);
  });
});

describe("FixMyStreet's servicerequestupdates, both ways", () => {
  let id: string;
  beforeAll(async () => {
    const centro = [
      { name: 'size', value: 'big' },
      { name: 'district', value: 'Centro' },
    ];
    id = await sendServiceRequest(fms, serviceRequestParams(problem({ extraFields: centro }), 'pothole', {}));
  });

  it("lists a request's public updates since a time (get_service_request_updates), never the internal ones", async () => {
    const roads = await tokenFor('official', emails.roads);
    for (const [status, note, isPublic] of [
      ['in_progress', 'A crew is on its way', true],
      ['in_progress', 'internal: call the contractor', false],
    ] as const) {
      const res = await call(`/requests/${id}/updates`, {
        method: 'POST',
        token: roads,
        json: { status, note, public: isPublic },
      });
      expect(res.status).toBe(201);
    }
    const end = new Date(Date.now() + 60_000);
    const start = new Date(end.getTime() - 2 * 3600_000);
    const w3 = (d: Date) => d.toISOString().replace(/\.\d+Z$/, 'Z');

    const res = await fms.get('servicerequestupdates.xml', {
      api_key: apiKey,
      start_date: w3(start),
      end_date: w3(end),
    });

    expect(res.status).toBe(200);
    const updates = parseXml(res.text).service_request_updates.request_update.filter(
      (u: { service_request_id: string }) => u.service_request_id === id,
    );
    expect(updates.map((u: { description: string }) => u.description)).toEqual([
      'Assigned to Official roads, Head of roads',
      'A crew is on its way',
    ]);
    expect(updates[1]).toEqual({
      update_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      service_request_id: id,
      status: 'open',
      description: 'A crew is on its way',
      media_url: '',
      updated_datetime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    });
    expect(res.text).not.toContain('contractor');
  });

  it("posts a citizen's comment (post_service_request_update), which the official sees, marked as from the app", async () => {
    // perllib/Open311.pm _populate_service_request_update_params, for a comment with a photo.
    const params = {
      updated_datetime: '2026-05-15T10:00:00+01:00',
      service_request_id: id,
      status: 'OPEN',
      description: 'Still there, and deeper after the rain',
      last_name: 'Lopez',
      first_name: 'Maria',
      email: `maria-${tag}@citizen.example`,
      update_id: '7001',
      media_url: 'https://fms.example/photo/c/7001.0.full.jpeg',
    };

    const res = await fms.post('servicerequestupdates.xml', params);

    expect(res.status).toBe(201);
    const updateId = parseXml(res.text).service_request_updates.request_update[0].update_id;
    expect(updateId).toMatch(/^[0-9a-f-]{36}$/);
    const again = await fms.post('servicerequestupdates.xml', params);
    expect(again.status).toBe(200);
    expect(parseXml(again.text).service_request_updates.request_update[0].update_id).toBe(updateId);

    const roads = await call(`/requests/${id}`, { token: await tokenFor('official', emails.roads) });
    const comments = roads.body.updates.filter((u: { app?: unknown }) => u.app);
    expect(comments).toEqual([
      expect.objectContaining({
        note: 'Still there, and deeper after the rain',
        public: false,
        actor: 'app:FixMyStreet',
        app: {
          app: 'FixMyStreet',
          updateId: '7001',
          reportedStatus: 'OPEN',
          writtenAt: '2026-05-15T10:00:00+01:00',
          author: { name: 'Maria Lopez', email: `maria-${tag}@citizen.example` },
          mediaUrls: ['https://fms.example/photo/c/7001.0.full.jpeg'],
        },
      }),
    ]);
    const { publicText } = await seenBy(id);
    expect(publicText).not.toContain('deeper after the rain');
  });
});

describe('JSON and XML for every endpoint', () => {
  let id: string;
  beforeAll(async () => {
    id = await sendServiceRequest(fms, serviceRequestParams(problem(), 'pothole', {}));
  });

  const roots: Record<string, string> = {
    discovery: 'discovery',
    services: 'services',
    'services/pothole': 'service_definition',
    requests: 'service_requests',
    servicerequestupdates: 'service_request_updates',
  };

  describe.each(['json', 'xml'] as const)('%s', (format) => {
    const read = (res: Answer) => {
      expect(res.headers.get('content-type')).toBe(
        format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8',
      );
      return format === 'json' ? JSON.parse(res.text) : parseXml(res.text);
    };

    it.each(Object.entries(roots))('GET %s', async (path, root) => {
      const res = await send(`${endpoint}${path}.${format}`);
      expect(res.status, res.text).toBe(200);
      const body = read(res);
      expect(format === 'json' ? body : body[root]).toBeTruthy();
    });

    it('GET requests/<id>, tokens/<id>', async () => {
      for (const path of [`requests/${id}`, `tokens/${id}`]) {
        const body = read(await send(`${endpoint}${path}.${format}`));
        const [request] = format === 'json' ? body : body.service_requests.request;
        expect(request.service_request_id).toBe(id);
      }
    });

    it('POST requests and servicerequestupdates', async () => {
      const filed = await fms.post(`requests.${format}`, serviceRequestParams(problem(), 'pothole', {}));
      expect(filed.status).toBe(201);
      const [created] = format === 'json' ? read(filed) : read(filed).service_requests.request;
      expect(created.service_request_id).toMatch(/^[0-9A-Z]{12}$/);
      const commented = await fms.post(`servicerequestupdates.${format}`, {
        service_request_id: id,
        description: `A comment in ${format}`,
      });
      expect(commented.status).toBe(201);
      const [update] =
        format === 'json' ? read(commented) : read(commented).service_request_updates.request_update;
      expect(update.update_id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('errors: 400, 403, 404, 405, 415', async () => {
      const codes = async (res: Answer) => {
        const body = read(res);
        return (format === 'json' ? body : body.errors.error).map((e: { code: string | number }) =>
          String(e.code),
        );
      };
      expect(await codes(await send(`${endpoint}requests.${format}?status=maybe`))).toEqual(['400']);
      expect(
        await codes(
          await fixMyStreet(endpoint, cityId, 'wrong').post(`requests.${format}`, { service_code: 'x' }),
        ),
      ).toEqual(['403']);
      expect(await codes(await send(`${endpoint}requests/NOSUCHREQ000.${format}`))).toEqual(['404']);
      expect(await codes(await send(`${endpoint}services.${format}`, { method: 'DELETE' }))).toEqual(['405']);
      const text = { 'content-type': 'text/plain' };
      const body = `service_code=pothole&api_key=${apiKey}`;
      expect(
        await codes(await send(`${endpoint}requests.${format}`, { method: 'POST', headers: text, body })),
      ).toEqual(['415']);
    });
  });
});
