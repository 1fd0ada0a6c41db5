/** All referrals across cases. Being built; replaced by its real implementation. */
export function ReferralsPage({ onOpenCase }: { onOpenCase: (caseId: string) => void }) {
  void onOpenCase;
  return <p>Referrals</p>;
}
