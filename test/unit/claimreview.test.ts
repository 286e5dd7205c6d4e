import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toClaimReview } from '../../server/src/engine/annotations/claimreview';
import { loadAnnotations } from '../../server/src/engine/annotations/load';

const YAML = `version: 1
publisher:
  name: Example Checks
  url: https://checks.example.org
scale:
  - { id: "false", label: "False", value: 1, class: refuted }
  - { id: mixed, label: Mixed, value: 3, class: disputed }
  - { id: "true", label: "True", value: 5, class: supported }
sources:
  - id: wire
    file: wire.txt
    outlet: Agence France-Presse
    url: https://news.example.com/wire
    title: Leaders meet
    published: 2025-10-15
  - id: blog
    file: blog.txt
    outlet: Some Blog
    published: 2025-10-16
entities:
  - { id: novak, name: Alexander Novak, type: person, wikidata: Q123 }
  - { id: moscow, name: Moscow, type: place }
claims:
  - id: c-false
    text: Russian Deputy Minister Alexander Novak
    source: wire
    alsoIn: [blog]
    claimant: novak
    verdict: "false"
    explanation: He is Deputy Prime Minister.
    reviewer: Jane Doe
    date: 2025-10-16
    url: https://checks.example.org/novak
  - id: c-mixed
    text: Moscow said it was ready.
    source: blog
    verdict: mixed
  - id: c-draft
    text: Not reviewed yet.
    source: wire
    status: draft
  - id: c-bad
    text: Verdict not on the scale.
    source: wire
    verdict: maybe
`;

test('one ClaimReview per claim with a verdict on the scale', () => {
  const loaded = loadAnnotations('/w/a.yaml', YAML);
  assert.ok(loaded.model);
  const reviews = toClaimReview(loaded.model, { baseUrl: 'https://checks.example.org/reviews' }) as any[];
  assert.deepEqual(reviews.map((r) => r.claimReviewed), ['Russian Deputy Minister Alexander Novak', 'Moscow said it was ready.']);
  for (const r of reviews) {
    assert.equal(r['@context'], 'https://schema.org');
    assert.equal(r['@type'], 'ClaimReview');
    assert.equal(r.reviewRating['@type'], 'Rating');
    assert.equal(r.reviewRating.bestRating, 5);
    assert.equal(r.reviewRating.worstRating, 1);
    assert.ok(r.reviewRating.ratingValue >= 1 && r.reviewRating.ratingValue <= 5);
    assert.equal(r.itemReviewed['@type'], 'Claim');
    assert.ok(Array.isArray(r.itemReviewed.appearance) && r.itemReviewed.appearance.length >= 1);
    for (const a of r.itemReviewed.appearance) assert.equal(a['@type'], 'CreativeWork');
    assert.equal(JSON.parse(JSON.stringify(r)).claimReviewed, r.claimReviewed, 'serialisable JSON');
  }
});

test('the full shape of a review: rating, appearances, claimant, reviewer, url', () => {
  const model = loadAnnotations('/w/a.yaml', YAML).model!;
  const [r] = toClaimReview(model) as any[];
  assert.deepEqual(r, {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: 'https://checks.example.org/novak',
    claimReviewed: 'Russian Deputy Minister Alexander Novak',
    reviewBody: 'He is Deputy Prime Minister.',
    datePublished: '2025-10-16',
    author: { '@type': 'Person', name: 'Jane Doe' },
    reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'False' },
    itemReviewed: {
      '@type': 'Claim',
      author: { '@type': 'Person', name: 'Alexander Novak', sameAs: 'https://www.wikidata.org/wiki/Q123' },
      datePublished: '2025-10-15',
      appearance: [
        {
          '@type': 'CreativeWork',
          url: 'https://news.example.com/wire',
          headline: 'Leaders meet',
          datePublished: '2025-10-15',
          publisher: { '@type': 'Organization', name: 'Agence France-Presse' },
        },
        { '@type': 'CreativeWork', datePublished: '2025-10-16', publisher: { '@type': 'Organization', name: 'Some Blog' } },
      ],
    },
  });
});

test('without reviewer the publisher is the author; without claimant the outlet made the claim; baseUrl gives the url', () => {
  const model = loadAnnotations('/w/a.yaml', YAML).model!;
  const r = (toClaimReview(model, { baseUrl: 'https://checks.example.org/reviews' }) as any[])[1];
  assert.deepEqual(r.author, { '@type': 'Organization', name: 'Example Checks', url: 'https://checks.example.org' });
  assert.deepEqual(r.itemReviewed.author, { '@type': 'Organization', name: 'Some Blog' });
  assert.equal(r.url, 'https://checks.example.org/reviews#c-mixed');
  assert.equal(r.reviewRating.alternateName, 'Mixed');
  assert.equal(r.reviewRating.ratingValue, 3);
  assert.equal('reviewBody' in r, false, 'no empty fields');
});

test('the default scale is used when the file declares none', () => {
  const model = loadAnnotations('/w/a.yaml', 'claims:\n  - id: c\n    text: t\n    verdict: mostly-true\n').model!;
  const [r] = toClaimReview(model) as any[];
  assert.equal(r.reviewRating.alternateName, 'Mostly true');
  assert.equal(r.reviewRating.bestRating, 6);
  assert.equal(r.reviewRating.worstRating, 1);
});
