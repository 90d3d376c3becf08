// Start GOV.UK Frontend's components (service navigation toggle, character count, error
// summary focus, ...). Pages work without JavaScript; this only enhances them.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
