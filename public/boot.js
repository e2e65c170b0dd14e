// Offline support: the service worker keeps a copy of the app after the first visit.
// (A file rather than an inline script, so the Content-Security-Policy allows no inline code.)
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("sw.js").catch(function () {});
  });
}
