// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.querySelector(button.dataset.copy);
  if (!source || !navigator.clipboard) return;
  navigator.clipboard.writeText(source.textContent.trim()).then(() => {
    const label = button.textContent;
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = label; }, 1500);
  });
});

// A file larger than the upload limit is refused in the browser, before it is sent.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!input.matches || !input.matches("input[type=file][data-max-bytes]")) return;
  const limit = Number(input.dataset.maxBytes);
  const file = input.files && input.files[0];
  const mb = (n) => (n / 1048576).toFixed(1);
  input.setCustomValidity(
    file && limit && file.size > limit ? `The file is ${mb(file.size)} MB; the limit is ${mb(limit)} MB.` : ""
  );
  input.reportValidity();
});
