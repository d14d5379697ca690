import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, unwrap } from '@/api';
import type { OrgNode } from '@/api/types';
import { buildOrgTree, findInTree, pathTo } from '@/utils/orgTree';

const SELECTED_KEY = 'xiaoan.org';

export const useOrgStore = defineStore('org', () => {
  const nodes = ref<OrgNode[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  /** The org node chosen in the header switcher; list pages use it as their org_id filter. */
  const selectedId = ref<string | null>(readSelected());

  const tree = computed(() => buildOrgTree(nodes.value));
  const byId = computed(() => new Map(nodes.value.map((n) => [n.id, n] as const)));
  const selected = computed(() => (selectedId.value ? byId.value.get(selectedId.value) ?? null : null));

  function readSelected(): string | null {
    try {
      return globalThis.sessionStorage?.getItem(SELECTED_KEY) ?? null;
    } catch {
      return null;
    }
  }

  function select(id: string | null): void {
    selectedId.value = id;
    try {
      if (id) globalThis.sessionStorage?.setItem(SELECTED_KEY, id);
      else globalThis.sessionStorage?.removeItem(SELECTED_KEY);
    } catch {
      /* storage unavailable */
    }
  }

  function setNodes(list: OrgNode[]): void {
    nodes.value = list;
    loaded.value = true;
    // Keep the selection inside the caller's scope; default to the first root.
    if (!selectedId.value || !byId.value.has(selectedId.value)) {
      select(tree.value[0]?.id ?? null);
    }
  }

  async function load(force = false): Promise<void> {
    if (loaded.value && !force) return;
    loading.value = true;
    try {
      setNodes(unwrap(await api.GET('/api/org/tree')).nodes);
    } finally {
      loading.value = false;
    }
  }

  function reset(): void {
    nodes.value = [];
    loaded.value = false;
    select(null);
  }

  function path(id: string): OrgNode[] {
    return pathTo(nodes.value, id);
  }

  function findNode(id: string) {
    return findInTree(tree.value, id);
  }

  return { nodes, loaded, loading, selectedId, selected, tree, byId, select, setNodes, load, reset, path, findNode };
});
