// A rewind is pressed on a reply further up, where the chat does not follow new messages: bring its notice
// (the last message, from Rapport) into view so the learner sees where they are now.
(() => {
  const NOTICE = "Rewound to just before your turn";
  const seen = new Set();
  new MutationObserver(() => {
    const steps = document.querySelectorAll(".step");
    const last = steps[steps.length - 1];
    const shown = last && last.querySelector('[id^="step-"]');
    if (!shown || seen.has(shown.id) || !last.textContent.includes(NOTICE)) return;
    seen.add(shown.id);
    last.scrollIntoView({ block: "center" });
  }).observe(document.body, { childList: true, subtree: true });
})();
