/* The organiser's booklet page (organiser-booklet.js, not on modules yet) reads h and t
 * from window.Ensemble: this serves them from the modules, until that page imports them. */
import { h } from "./core/dom.js";
import { t } from "./core/strings.js";

window.Ensemble = { h, t };
