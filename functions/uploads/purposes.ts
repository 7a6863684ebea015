/**
 * What may be uploaded, for what, and where it goes once checked. No AWS imports: the CDK stacks
 * (bucket prefixes, grants) and the functions read the same facts.
 *
 * Key layout of the uploads bucket:
 * - `incoming/<uploadId>`: what a browser or client posted, unchecked, private; expires after 1 day.
 * - `media/<purpose>/<uploadId>.<ext>`: checked public media, served by the CDN at `/media/...`.
 * - `private/<purpose>/<uploadId>.<ext>`: checked private files, read only through short-lived links.
 */
export const PREFIXES = { incoming: 'incoming/', media: 'media/', private: 'private/' } as const;

/** Days an unclaimed upload stays under `incoming/` (the bucket's lifecycle rule). */
export const INCOMING_EXPIRY_DAYS = 1;

const MB = 1024 * 1024;

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;
export const PDF_TYPE = 'application/pdf';
export type UploadType = (typeof IMAGE_TYPES)[number] | typeof PDF_TYPE;

export const EXTENSIONS: Record<UploadType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
};

/**
 * Names a client may declare for a type: browsers name HEIC photos image/heic or image/heif, and some
 * name JPEG image/jpg.
 */
export const TYPE_ALIASES: Readonly<Record<string, UploadType>> = {
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/png': 'image/png',
  'image/webp': 'image/webp',
  'image/heic': 'image/heic',
  'image/heif': 'image/heic',
  'application/pdf': 'application/pdf',
};

export interface Purpose {
  /** Content types accepted, as sniffed from the bytes. */
  readonly types: readonly UploadType[];
  readonly maxBytes: number;
  /** How many files one thing (a request, a practice) may carry: the attaching feature enforces it. */
  readonly maxFiles: number;
  /** `media`: public through the CDN once checked; `private`: only through `downloadUrl`. */
  readonly visibility: 'media' | 'private';
}

export const PURPOSES = {
  /** Photos of a civic request (issues 10 and 13): public with the request, without their metadata. */
  'request-photo': { types: IMAGE_TYPES, maxBytes: 10 * MB, maxFiles: 5, visibility: 'media' },
  /** The signed Membership Application Form (issue 11): the Secretariat reads it through a short link. */
  'application-form': { types: [PDF_TYPE], maxBytes: 10 * MB, maxFiles: 1, visibility: 'private' },
  /** Attachments of a knowledge practice (issue 12): private until the practice is published. */
  'practice-attachment': {
    types: [PDF_TYPE, ...IMAGE_TYPES],
    maxBytes: 20 * MB,
    maxFiles: 10,
    visibility: 'private',
  },
} as const satisfies Record<string, Purpose>;

export type PurposeName = keyof typeof PURPOSES;
export const PURPOSE_NAMES = Object.keys(PURPOSES) as PurposeName[];

/**
 * The owner of a citizen's photo from POST /cities/{cityId}/request-photos: the city it was uploaded for.
 * The feature that attaches photos to a request claims them with the request's city as this owner.
 */
export const requestPhotoOwner = (cityId: string) => `city:${cityId}`;

/** The declared type in its canonical name, if the purpose accepts it. */
export function acceptedType(purpose: PurposeName, declared: string): UploadType | undefined {
  const type = TYPE_ALIASES[declared.toLowerCase()];
  return type && (PURPOSES[purpose].types as readonly string[]).includes(type) ? type : undefined;
}
