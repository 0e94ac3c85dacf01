/**
 * Communicator groups: ASTRA-sim's --comm-group-configuration JSON maps a
 * group id (a decimal string, stoi'd by the reader) to its ranks; a
 * collective node names its group in `pg_name`. Id 0 means "all ranks" to
 * ASTRA-sim, so ids start at 1. Equal rank lists share one id.
 */
export class CommGroups {
  private readonly byKey = new Map<string, string>();
  private readonly groups: Array<{ id: string; ranks: number[]; label: string }> = [];

  /** The pg_name of the group of these ranks (created on first use). */
  idOf(ranks: readonly number[], label: string): string {
    const sorted = [...ranks].sort((a, b) => a - b);
    const key = sorted.join(',');
    let id = this.byKey.get(key);
    if (!id) {
      id = String(this.groups.length + 1);
      this.byKey.set(key, id);
      this.groups.push({ id, ranks: sorted, label });
    }
    return id;
  }

  ranksOf(id: string): number[] | undefined {
    return this.groups.find((g) => g.id === id)?.ranks;
  }

  get size(): number {
    return this.groups.length;
  }

  /** The JSON file ASTRA-sim reads. */
  toJson(): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (const g of this.groups) out[g.id] = g.ranks;
    return out;
  }

  /** What each group is for (README). */
  labels(): Array<{ id: string; label: string; ranks: number[] }> {
    return this.groups.map((g) => ({ ...g }));
  }
}
