// schema.org ClaimReview JSON-LD export of the reviewed claims (pure TypeScript).
// https://schema.org/ClaimReview — one object per claim that has a verdict from the scale.
import type { AnnotationsModel } from './api';

export interface ClaimReviewOptions {
  /** Base URL of the published reviews; a claim without its own `url` gets `${baseUrl}#${id}`. */
  baseUrl?: string;
}

type Json = Record<string, unknown>;

function clean<T extends Json>(o: T): T {
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) delete o[k];
  }
  return o;
}

function wikidataUrl(q?: string): string | undefined {
  return q ? `https://www.wikidata.org/wiki/${q}` : undefined;
}

/** ClaimReview JSON-LD objects for every claim with a verdict that exists in the scale. */
export function toClaimReview(model: AnnotationsModel, opts: ClaimReviewOptions = {}): object[] {
  const scale = model.scale;
  if (scale.length === 0) return [];
  const values = scale.map((s) => s.value);
  const best = values.reduce((a, b) => Math.max(a, b), -Infinity);
  const worst = values.reduce((a, b) => Math.min(a, b), Infinity);
  const sources = new Map(model.sources.map((s) => [s.id, s]));
  const entities = new Map(model.entities.map((e) => [e.id, e]));
  const ratings = new Map(scale.map((s) => [s.id, s]));
  const publisher = model.publisher;
  const base = opts.baseUrl?.replace(/#.*$/, '');

  const out: object[] = [];
  for (const claim of model.claims) {
    if (!claim.verdict) continue;
    const rating = ratings.get(claim.verdict);
    if (!rating) continue;

    const appearanceIds = [claim.source, ...(claim.alsoIn ?? [])].filter((x, i, a): x is string => !!x && a.indexOf(x) === i);
    const appearances = appearanceIds
      .map((id) => sources.get(id))
      .filter((s): s is NonNullable<typeof s> => !!s)
      .map((s) =>
        clean({
          '@type': 'CreativeWork',
          url: s.url,
          headline: s.title,
          datePublished: s.published,
          author: s.author ? { '@type': 'Person', name: s.author } : undefined,
          publisher: s.outlet ? { '@type': 'Organization', name: s.outlet } : undefined,
        }),
      );

    const first = claim.source ? sources.get(claim.source) : undefined;
    const claimant = claim.claimant ? entities.get(claim.claimant) : undefined;
    const claimAuthor = claimant
      ? clean({ '@type': claimant.type === 'person' ? 'Person' : 'Organization', name: claimant.name, sameAs: wikidataUrl(claimant.wikidata) })
      : first?.outlet
        ? { '@type': 'Organization', name: first.outlet }
        : undefined;

    let reviewAuthor: Json | undefined;
    if (claim.reviewer) {
      const isPublisher = publisher && publisher.name === claim.reviewer;
      reviewAuthor = clean({
        '@type': isPublisher ? (publisher!.type ?? 'Organization') : 'Person',
        name: claim.reviewer,
        url: isPublisher ? publisher!.url : undefined,
      });
    } else if (publisher) {
      reviewAuthor = clean({ '@type': publisher.type ?? 'Organization', name: publisher.name, url: publisher.url });
    }

    out.push(
      clean({
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        url: claim.url ?? (base ? `${base}#${encodeURIComponent(claim.id)}` : undefined),
        claimReviewed: claim.text,
        reviewBody: claim.explanation,
        datePublished: claim.date,
        author: reviewAuthor,
        reviewRating: {
          '@type': 'Rating',
          ratingValue: rating.value,
          bestRating: best,
          worstRating: worst,
          alternateName: rating.label,
        },
        itemReviewed: clean({
          '@type': 'Claim',
          author: claimAuthor,
          datePublished: first?.published,
          appearance: appearances,
        }),
      }),
    );
  }
  return out;
}
