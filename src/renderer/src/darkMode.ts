import { ref } from 'vue'

/**
 * Whether the app shows its dark theme. App.vue keeps it in step with the user's choice; parts
 * drawn outside Naive UI's theme (ECharts canvases, toasts from stores) follow it from here.
 */
export const darkMode = ref(false)
