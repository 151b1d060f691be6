// The shapes of the stars API (docs/API.md, "Five stars"), as the web app sees them.
import type { Disqualifier, RuleAccount, StarDimension, StarScheme } from '@xianfeng/domain';

export type { Disqualifier, RuleAccount, StarDimension, StarScheme };

export type SchemeSource = 'own' | 'inherited' | 'default';

export interface SchemeRule {
  code: string;
  name: string;
  account: RuleAccount;
  active: boolean;
  veto: boolean;
}

export interface SchemeAnswer {
  unitId: number;
  period: string;
  source: SchemeSource;
  /** The unit whose scheme is in force (null: the shipped default, or a unit outside your scope). */
  from: { id: number; code: string; name: string } | null;
  updatedAt: string | null;
  updatedBy: string | null;
  canEdit: boolean;
  scheme: StarScheme;
  rules: SchemeRule[];
}

export interface DimensionResult {
  code: StarDimension;
  name: string;
  points: number;
  entries: number;
  minPoints: number;
  minEntries: number;
  met: boolean;
  missingPoints: number;
  missingEntries: number;
}

export type PresentedDisqualifier = Disqualifier & { ruleName?: string | null };

export interface Evaluation {
  stars: StarDimension[];
  starCount: number;
  dimensions: DimensionResult[];
  disqualified: PresentedDisqualifier[];
}

export interface PreviewRow extends Evaluation {
  memberId: number;
  name: string;
  unit: { id: number; name: string };
}

export interface Preview {
  unitId: number;
  period: string;
  dimensions: Array<{ code: StarDimension; name: string; description: string }>;
  distribution: { byStars: number[]; disqualified: number; total: number };
  total: number;
  page: number;
  pageSize: number;
  items: PreviewRow[];
}

export interface AwardedStars {
  period: string;
  stars: StarDimension[];
  starCount: number;
  awardedAt: string;
}

export interface EarningRule {
  code: string;
  name: string;
  account: RuleAccount;
  pointsMin: number;
  pointsMax: number;
  needsEvidence: boolean;
}

export interface MemberStars {
  member: { id: number; name: string; unitId: number };
  period: string;
  evaluation: Evaluation & { dimensions: Array<DimensionResult & { description: string; evidenceRequired: boolean }> };
  /** 点亮一颗星: the dark star closest to lighting; null when all are lit or the member is disqualified. */
  closest: (DimensionResult & { description: string; evidenceRequired: boolean; rules: EarningRule[] }) | null;
  awarded: AwardedStars[];
}
