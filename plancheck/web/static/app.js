// Progressive enhancement for the self-check page: drag and drop, a progress
// message while a long plan is checked, and re-checks that keep the chosen file.
// Without JavaScript the form posts normally and the browser waits.
"use strict";

function enhance(root) {
  const form = root.querySelector("#check-form");
  if (!form) return;
  const input = form.querySelector("#file");
  const drop = form.querySelector("#drop");
  if (drop && input) {
    drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      if (e.dataTransfer && e.dataTransfer.files.length) input.files = e.dataTransfer.files;
    });
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    submit(form, input ? input.files : null);
  });
}

async function submit(form, files) {
  const progress = form.querySelector("#progress");
  const button = form.querySelector("#submit");
  const started = Date.now();
  const tick = () => {
    const s = Math.round((Date.now() - started) / 1000);
    progress.textContent = "Checking the plan… " + s + " s (a long plan can take a minute or two)";
  };
  progress.hidden = false;
  tick();
  const timer = setInterval(tick, 1000);
  button.disabled = true;
  try {
    const response = await fetch(form.action, { method: "POST", body: new FormData(form) });
    const html = await response.text();
    const doc = new DOMParser().parseFromString(html, "text/html");
    const main = doc.querySelector("#main");
    if (!main) throw new Error("HTTP " + response.status);
    document.querySelector("#main").replaceWith(main);
    const input = main.querySelector("#file");
    // Keep the officer's file selected so a corrected re-check needs no new upload dialog.
    if (input && files && files.length) { input.files = files; }
    enhance(main);
    const target = main.querySelector("#result, #error");
    if (target) target.scrollIntoView();
  } catch (err) {
    progress.textContent = "The check could not be completed (" + err.message + "). Please try again.";
    button.disabled = false;
  } finally {
    clearInterval(timer);
  }
}

document.addEventListener("DOMContentLoaded", () => enhance(document));
