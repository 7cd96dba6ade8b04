import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { datapactCatalogModule } from '@datapact/backstage-plugin/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

// The Datapact plugin itself is discovered (app.packages: all); its catalog
// module, which adds Dataset columns to the catalog list, is opt-in.
export default createApp({
  features: [catalogPlugin, navModule, signInModule, datapactCatalogModule],
});
