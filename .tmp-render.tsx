import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ModuleView } from './components/content/ModuleView';
import { getModule, getModuleBodyCode, MDX_COMPONENTS } from './lib/content';
import { renderMdxToParts } from './components/content/mdx-html';
(async () => {
  for (const slug of ['u306-customers-retention', 'win-retain-customers']) {
    const body = renderMdxToParts(await getModuleBodyCode(slug), MDX_COMPONENTS);
    const mod = getModule(slug)!;
    const el = () => createElement(ModuleView, { module: mod, body });
    for (let i = 0; i < 50; i++) renderToStaticMarkup(el());
    const t = performance.now(); const N = 200;
    for (let i = 0; i < N; i++) renderToStaticMarkup(el());
    console.log(slug, ((performance.now() - t) / N).toFixed(2), 'ms per render', renderToStaticMarkup(el()).length);
  }
})();
