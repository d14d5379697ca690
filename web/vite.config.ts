/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';

const outDir = 'dist';

/**
 * Writes a .br and a .gz beside every text asset of the build (js, css, html, svg, json) over 1 KiB,
 * so the server sends compressed files without compressing per request (http/static_files.cpp).
 */
function precompress(): Plugin {
  let dir = outDir;
  return {
    name: 'xiaoan-precompress',
    apply: 'build',
    configResolved(config) {
      dir = config.build.outDir;
    },
    closeBundle() {
      const walk = (d: string): string[] =>
        readdirSync(d).flatMap((name) => {
          const p = join(d, name);
          return statSync(p).isDirectory() ? walk(p) : [p];
        });
      for (const file of walk(dir)) {
        if (!/\.(js|mjs|css|html|svg|json)$/.test(file)) continue;
        const body = readFileSync(file);
        if (body.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

/** The dev server answers the family paths with the family entry, as the real server does. */
function familyEntryInDev(): Plugin {
  return {
    name: 'xiaoan-family-entry',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url && /^\/(f|family)(\/|$|\?)/.test(req.url)) req.url = '/family.html';
        next();
      });
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [vue(), precompress(), familyEntryInDev()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    // vue-i18n: the composition API only (no legacy API code in the bundles).
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  build: {
    outDir,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // Two apps: the staff app (index.html) and the light family pages (family.html).
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        family: fileURLToPath(new URL('./family.html', import.meta.url)),
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    // Code under test reads texts through the shared instance; the staff messages fill it.
    setupFiles: ['src/i18n/index.ts'],
  },
});
