// The Decap CMS example: Decap CMS on its in-memory test-repo backend (no server, no Git host),
// configured here rather than by a config.yml, with a preview template for the posts collection
// that shows each post as postview renders it (postview-decap.js).
import './repo.js';
import init, { render, enhance } from '../../pkg/postview.js';
import { CMS, createElement, useEffect, useMemo, useRef } from './build/decap.js';
import { postviewPreview } from './postview-decap.js';

const config = {
  load_config_file: false,
  // login: false skips the test backend's "Login" screen.
  backend: { name: 'test-repo', login: false },
  media_folder: 'images',
  collections: [
    {
      name: 'posts',
      label: 'Posts',
      label_singular: 'Post',
      folder: '_posts',
      create: true,
      slug: '{{year}}-{{month}}-{{day}}-{{slug}}',
      fields: [
        { label: 'Title', name: 'title', widget: 'string' },
        { label: 'Date', name: 'date', widget: 'datetime', format: 'YYYY-MM-DD HH:mm:ss' },
        { label: 'Tags', name: 'tags', widget: 'list', required: false },
        { label: 'Categories', name: 'categories', widget: 'list', required: false },
        // Raw Markdown only: Decap's rich-text mode writes the Markdown again through remark on
        // every edit, in its own dialect; postview previews the text as the author wrote it.
        { label: 'Body', name: 'body', widget: 'markdown', modes: ['raw'] },
      ],
    },
  ],
};

await init();
CMS.registerPreviewStyle(new URL('../../pkg/preview.css', import.meta.url).href);
CMS.registerPreviewStyle(new URL('preview-pane.css', import.meta.url).href);
CMS.registerPreviewTemplate('posts', postviewPreview({ createElement, useEffect, useMemo, useRef }, { render, enhance }));
CMS.init({ config });
