// Injected by `leafpress serve` into the HTML pages it serves, never into `build` output.
// It listens to the preview's event stream: after a good build that changed the site the page
// reloads; while the latest build has errors, a panel lists them over the last good page.
(() => {
  "use strict";
  const script = document.currentScript;
  const servedSession = script.dataset.leafpressSession;
  const servedBuild = Number(script.dataset.leafpressBuild);
  const panelId = "leafpress-errors";
  // The panel speaks the page's language; the diagnostics themselves are in English, as in
  // the terminal.
  const chinese = document.documentElement.lang.toLowerCase().startsWith("zh");
  const text = chinese ? {
    lang: "zh-Hans",
    label: "leafpress 生成错误",
    title: (n) => `最近一次保存未能生成网站：${n} 个错误`,
    lastGood: "此页面是上一次成功生成的版本。修正错误并保存后，页面会自动更新。",
    fix: "修正错误并保存后，页面会自动更新。",
    warnings: (n) => `另有 ${n} 个警告（见终端）`,
    hide: "隐藏",
  } : {
    lang: "en",
    label: "leafpress build errors",
    title: (n) => `The last save does not build: ${n} error${n === 1 ? "" : "s"}`,
    lastGood: "This page is the last good build. Fix the errors and save; the page updates by itself.",
    fix: "Fix the errors and save; the page updates by itself.",
    warnings: (n) => `and ${n} warning${n === 1 ? "" : "s"} (see the terminal)`,
    hide: "Hide",
  };

  const events = new EventSource("/__leafpress/events");
  events.onmessage = (message) => {
    let status;
    try {
      status = JSON.parse(message.data);
    } catch {
      return;
    }
    if (status.errors.length > 0) {
      showErrors(status);
    } else if (status.session !== servedSession || status.build !== servedBuild) {
      location.reload();
    } else {
      hideErrors();
    }
  };

  function hideErrors() {
    document.getElementById(panelId)?.remove();
  }

  // Built with textContent only: diagnostics quote the author's text, which must stay text.
  function showErrors(status) {
    hideErrors();
    const panel = element("div", {
      position: "fixed", left: "1rem", right: "1rem", bottom: "1rem", zIndex: "2147483647",
      maxHeight: "70vh", overflow: "auto", boxSizing: "border-box", padding: "1rem 1.25rem",
      background: "#ffffff", color: "#1a1a1a", border: "3px solid #b00020", borderRadius: "6px",
      boxShadow: "0 4px 24px rgba(0, 0, 0, 0.35)", font: "16px/1.5 system-ui, sans-serif",
      textAlign: "left",
    });
    panel.id = panelId;
    panel.lang = text.lang;
    panel.dir = "ltr";
    panel.setAttribute("role", "alert");
    panel.setAttribute("aria-label", text.label);

    const title = element("p", { margin: "0 0 0.25rem", fontWeight: "bold", color: "#b00020" });
    title.textContent = text.title(status.errors.length);
    const help = element("p", { margin: "0 0 0.75rem" });
    help.textContent = servedBuild > 0 ? text.lastGood : text.fix;
    panel.append(title, help);

    for (const error of status.errors) {
      const item = element("pre", {
        margin: "0 0 0.5rem", padding: "0.5rem 0.75rem", background: "#fdf2f4",
        color: "#1a1a1a", whiteSpace: "pre-wrap", overflowWrap: "anywhere",
        font: "14px/1.45 ui-monospace, Menlo, Consolas, monospace",
      });
      item.lang = "en";
      item.textContent = error.text;
      panel.append(item);
    }
    if (status.warnings > 0) {
      const warnings = element("p", { margin: "0.5rem 0 0" });
      warnings.textContent = text.warnings(status.warnings);
      panel.append(warnings);
    }

    const close = element("button", {
      marginTop: "0.5rem", padding: "0.25rem 0.75rem", font: "inherit", cursor: "pointer",
      background: "#ffffff", color: "#1a1a1a", border: "1px solid #1a1a1a", borderRadius: "4px",
    });
    close.type = "button";
    close.textContent = text.hide;
    close.addEventListener("click", hideErrors);
    panel.append(close);
    document.body.append(panel);
  }

  function element(name, style) {
    const node = document.createElement(name);
    Object.assign(node.style, style);
    return node;
  }
})();
