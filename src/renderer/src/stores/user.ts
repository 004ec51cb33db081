import { defineStore } from 'pinia'
import { ref, watch } from 'vue'

const KEY = 'keizoku.user'

/** Who is at the keyboard: recorded as `by` on approvals and in the audit log. Remembered locally. */
export const useUserStore = defineStore('user', () => {
  const name = ref(localStorage.getItem(KEY) ?? '')
  watch(name, (v) => localStorage.setItem(KEY, v))
  return { name }
})
