import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The domain package is a workspace package shipped as TypeScript sources (imports inside it use
// explicit `.ts` extensions); point at its entry so Vite transforms it like our own code.
const domainEntry = new URL('../../packages/domain/src/index.ts', import.meta.url).pathname;

// Libraries every page needs go into two long-cached chunks; antd components used by a single
// route, and ECharts (home page only), stay with the lazily loaded route that needs them.
const reactLibs = /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/;
const antdLibs = /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@emotion|stylis|clsx|throttle-debounce|compute-scroll-into-view|scroll-into-view-if-needed|json2mq|string-convert|is-mobile)[\\/]/;
const chartLibs = /node_modules[\\/](echarts|zrender|tslib)[\\/]/;

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@xianfeng/domain': domainEntry },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // Vite 8 (Rolldown) replaces Rollup's manualChunks with codeSplitting groups.
        codeSplitting: {
          groups: [
            { name: 'react', test: reactLibs, priority: 30 },
            { name: 'echarts', test: chartLibs, priority: 20 },
            // Only the antd modules the first screen needs; the rest follows each route.
            { name: 'antd', test: antdLibs, priority: 10, tags: ['$initial'] },
          ],
        },
      },
    },
  },
});
