// Claim matching: the claim index and the sentence matcher (see claims.ts).
export { buildClaimIndex, matchClaims, scoreCandidate, normForExact, MATCH_DEFAULTS, type ClaimIndex, type ClaimMatch, type MatchWhy, type MatchInput, type RejectReason } from './claims';
