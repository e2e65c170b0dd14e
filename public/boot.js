// The colours chosen in this browser (Team screen), applied before the app draws: the
// stylesheet follows html[data-theme], else the system setting.
try {
  var theme = localStorage.getItem("pursuit:theme");
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
} catch (e) {}

// Offline support and updates. (A file rather than an inline script, so the
// Content-Security-Policy allows no inline code.)
//
// The service worker keeps a copy of the app after the first visit. When a new version is
// deployed, its worker installs beside the old one and waits; the open tab keeps running
// the old files (never a mix) and is told "pursuit-update-ready", which the app shows as
// "A new version is ready — reload". Reloading ("pursuit-update-apply") lets the new worker
// take over and reloads once it has.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  window.addEventListener("load", function () {
    var applying = false;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (applying) location.reload();
    });
    navigator.serviceWorker.register("sw.js").then(function (registration) {
      function ready() {
        // The first install is not an update: there was no version before it.
        if (!navigator.serviceWorker.controller) return;
        window.pursuitUpdateReady = true;
        window.dispatchEvent(new Event("pursuit-update-ready"));
      }
      if (registration.waiting) ready();
      registration.addEventListener("updatefound", function () {
        var worker = registration.installing;
        if (!worker) return;
        worker.addEventListener("statechange", function () {
          if (worker.state === "installed") ready();
        });
      });
      window.addEventListener("pursuit-update-apply", function () {
        applying = true;
        if (registration.waiting) registration.waiting.postMessage({ type: "skip-waiting" });
        else location.reload();
      });
      // A tab left open for days still hears of new versions.
      setInterval(function () { registration.update().catch(function () {}); }, 60 * 60 * 1000);
    }).catch(function () {});
  });
}
