// Deelwijzer's web chat: a socket.io client for the Rasa server's web channel
// (bot/channels/web.py). Every text from the server is shown with
// textContent, never as HTML: bot texts quote user input and law data.
"use strict";

(function () {
  const OPSLAG = "deelwijzer.gesprek";
  const STAP = /^(Stap \d+ van \d+[^\n]*)\n?/;

  const $ = (id) => document.getElementById(id);
  const root = $("deelwijzer");
  const log = $("log");
  const voortgang = $("voortgang");
  const status = $("status");
  const formulier = $("formulier");
  const invoer = $("invoer");
  const verstuur = $("verstuur");
  const knopVerslag = $("knop-verslag");
  const menu = $("verslag-menu");
  const downloads = menu.querySelector(".downloads");
  const knopWis = $("knop-wis");
  const dialoog = $("wis-dialoog");
  // The page's own dialog has asked already, so the confirming intent goes
  // out, not "/wis_gesprek" (which would make the assistant ask again).
  const WIS = root.dataset.wisIntent || "/wis_bevestigen";

  let sessie = lees();
  let formaten = [];
  let verbonden = false;
  let laden = false;
  let buffer = [];
  let focusOpKnoppen = false;
  let wachtOpWis = false;

  // -- the conversation id and its key, kept across reloads --------------

  function lees() {
    try {
      const w = JSON.parse(localStorage.getItem(OPSLAG) || "null");
      if (w && typeof w.session_id === "string" && typeof w.sleutel === "string") {
        return w;
      }
    } catch (e) { /* unreadable or blocked storage: start afresh */ }
    return null;
  }
  function bewaar(s) {
    try {
      localStorage.setItem(OPSLAG, JSON.stringify(s));
    } catch (e) { /* private mode: the conversation lasts as long as the page */ }
  }
  function vergeet() {
    try { localStorage.removeItem(OPSLAG); } catch (e) { /* private mode */ }
  }

  // -- rendering ----------------------------------------------------------

  function zetStatus(tekst) { status.textContent = tekst; }

  function onderaan() { log.scrollTop = log.scrollHeight; }

  function element(soort, klasse, tekst) {
    const el = document.createElement(soort);
    if (klasse) el.className = klasse;
    if (tekst !== undefined) el.textContent = tekst;
    return el;
  }

  function spreker(el, wie) {
    const naam = wie === "gebruiker" ? "U: " : "Deelwijzer: ";
    el.appendChild(element("span", "verborgen", naam));
  }

  function meld(tekst) {
    const el = element("p", "bericht melding", tekst);
    log.appendChild(el);
    onderaan();
  }

  function verwijderKnoppen() {
    log.querySelectorAll(".knoppen").forEach((groep) => groep.remove());
  }

  function toonTekst(wie, tekst) {
    const el = element("p", "bericht " + wie);
    spreker(el, wie);
    let rest = tekst;
    const stap = wie === "assistent" ? STAP.exec(tekst) : null;
    if (stap) {
      voortgang.textContent = stap[1];
      voortgang.hidden = false;
      el.appendChild(element("span", "stap", stap[1]));
      rest = tekst.slice(stap[0].length);
    }
    el.appendChild(document.createTextNode(rest));
    log.appendChild(el);
    return el;
  }

  function toonKnoppen(knoppen, live) {
    const groep = element("div", "knoppen");
    groep.setAttribute("role", "group");
    groep.setAttribute("aria-label", "Kies een antwoord");
    for (const knop of knoppen) {
      const b = element("button", "", String(knop.title || ""));
      b.type = "button";
      b.disabled = !verbonden;
      b.addEventListener("click", () => {
        focusOpKnoppen = true;
        stuur(String(knop.payload || ""), String(knop.title || ""));
      });
      groep.appendChild(b);
    }
    log.appendChild(groep);
    if (live && focusOpKnoppen && groep.firstChild) groep.firstChild.focus();
  }

  function veiligeLink(link) {
    try {
      const url = new URL(String(link));
      return url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function toonArtikelen(uitkomst) {
    const kaart = element("section", "kaart artikelen");
    kaart.setAttribute("aria-label", "Wetsartikelen bij deze uitkomst");
    kaart.appendChild(element("h2", "", "Wetsartikelen bij deze uitkomst"));
    const lijst = element("ul");
    for (const citaat of uitkomst.citaten || []) {
      const li = element("li");
      const href = veiligeLink(citaat.link);
      if (href) {
        const a = element("a", "", String(citaat.aanduiding || citaat.sleutel || href));
        a.href = href;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        a.appendChild(element("span", "verborgen", " (opent in een nieuw venster)"));
        li.appendChild(a);
      } else {
        li.textContent = String(citaat.aanduiding || citaat.sleutel || "");
      }
      lijst.appendChild(li);
    }
    kaart.appendChild(lijst);
    log.appendChild(kaart);
    voortgang.textContent = "Afgerond: er is een uitkomst.";
    voortgang.hidden = false;
  }

  function downloadKnoppen(doel) {
    for (const f of formaten) {
      const b = element("button", "secundair", f.naam);
      b.type = "button";
      b.setAttribute("aria-label", "Verslag downloaden als " + f.naam);
      b.addEventListener("click", () => download(f.extensie));
      doel.appendChild(b);
    }
  }

  function toonVerslag() {
    const kaart = element("section", "kaart verslag");
    kaart.setAttribute("aria-label", "Uw vastlegging");
    kaart.appendChild(element("h2", "", "Uw vastlegging is klaar"));
    const groep = element("div", "downloads");
    groep.setAttribute("role", "group");
    groep.setAttribute("aria-label", "Verslag downloaden als");
    downloadKnoppen(groep);
    kaart.appendChild(groep);
    log.appendChild(kaart);
  }

  function toon(bericht, live) {
    if (!bericht || typeof bericht !== "object") return;
    if (bericht.van === "gebruiker") {
      verwijderKnoppen();
      toonTekst("gebruiker", String(bericht.text || ""));
    } else {
      const custom = bericht.custom;
      if (custom && typeof custom === "object") {
        if (custom.deelwijzer) toonArtikelen(custom.deelwijzer);
        if (custom.deelwijzer_verslag) toonVerslag();
      }
      if (typeof bericht.text === "string" && bericht.text) {
        toonTekst("assistent", bericht.text);
      }
      if (Array.isArray(bericht.quick_replies) && bericht.quick_replies.length) {
        toonKnoppen(bericht.quick_replies, live);
      }
    }
    onderaan();
  }

  function tekenDownloads() {
    downloads.replaceChildren();
    downloadKnoppen(downloads);
  }

  function zetInvoer() {
    verstuur.disabled = !verbonden;
    log.querySelectorAll(".knoppen button").forEach((b) => {
      b.disabled = !verbonden;
    });
  }

  // -- talking to the server ----------------------------------------------

  const socket = io({ path: "/socket.io" });

  function stuur(tekst, zichtbaar) {
    if (!verbonden || !sessie) {
      zetStatus("Geen verbinding: uw bericht is niet verstuurd. " +
        "Probeer het zo opnieuw.");
      return false;
    }
    socket.emit("user_uttered", {
      message: tekst, session_id: sessie.session_id, sleutel: sessie.sleutel,
    });
    if (zichtbaar !== null) {
      verwijderKnoppen();
      toonTekst("gebruiker", zichtbaar);
      onderaan();
      // Focus would fall to the page when the clicked button goes away.
      if (focusOpKnoppen) log.focus();
    }
    zetStatus("Deelwijzer denkt na…");
    return true;
  }

  function adres(pad) {
    return pad + "?gesprek=" + encodeURIComponent(sessie.session_id) +
      "&sleutel=" + encodeURIComponent(sessie.sleutel);
  }

  async function laadGeschiedenis() {
    laden = true;
    log.setAttribute("aria-busy", "true");
    try {
      const antwoord = await fetch(adres("/chat/gesprek"), { cache: "no-store" });
      if (!antwoord.ok) throw new Error(String(antwoord.status));
      const data = await antwoord.json();
      log.replaceChildren();
      voortgang.hidden = true;
      for (const bericht of data.berichten || []) toon(bericht, false);
    } catch (e) {
      meld("Het eerdere gesprek kon niet worden geladen. U kunt gewoon verder gaan.");
    } finally {
      log.setAttribute("aria-busy", "false");
      laden = false;
      // Replies that came in while the history loaded.
      const nog = buffer;
      buffer = [];
      for (const bericht of nog) toon(bericht, true);
    }
  }

  async function download(extensie) {
    if (!sessie) return;
    zetStatus("Verslag ophalen…");
    try {
      const pad = "/chat/verslag/" + encodeURIComponent(extensie);
      const antwoord = await fetch(adres(pad), { cache: "no-store" });
      if (!antwoord.ok) {
        const uitleg = (await antwoord.text()).trim();
        meld(uitleg || "Het verslag is nu niet beschikbaar.");
        zetStatus(uitleg || "Het verslag is nu niet beschikbaar.");
        return;
      }
      const blob = await antwoord.blob();
      const kop = antwoord.headers.get("Content-Disposition") || "";
      const gevonden = /filename="([^"]+)"/.exec(kop);
      const naam = gevonden ? gevonden[1] : "deelwijzer-verslag." + extensie;
      const a = element("a");
      a.href = URL.createObjectURL(blob);
      a.download = naam;
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 60000);
      zetStatus("Verslag gedownload: " + naam);
    } catch (e) {
      zetStatus("Het verslag kon niet worden opgehaald. Controleer de verbinding.");
    }
  }

  function nieuwGesprek() {
    vergeet();
    sessie = null;
    log.replaceChildren();
    voortgang.hidden = true;
    socket.emit("session_request", {});
  }

  socket.on("connect", () => {
    zetStatus("Verbonden; gesprek ophalen…");
    socket.emit("session_request", sessie
      ? { session_id: sessie.session_id, sleutel: sessie.sleutel } : {});
  });

  socket.on("disconnect", () => {
    verbonden = false;
    zetInvoer();
    zetStatus("Verbinding verbroken. Opnieuw verbinden…");
  });

  socket.on("connect_error", () => {
    zetStatus("Deelwijzer is niet bereikbaar. Opnieuw proberen…");
  });

  socket.on("deelwijzer_sessie", async (data) => {
    const vorige = sessie;
    sessie = { session_id: String(data.session_id), sleutel: String(data.sleutel) };
    bewaar(sessie);
    formaten = Array.isArray(data.formaten) ? data.formaten : [];
    tekenDownloads();
    verbonden = true;
    if (data.nieuw) {
      if (vorige) {
        log.replaceChildren();
        meld("Uw vorige gesprek kon niet worden hervat. " +
          "We beginnen een nieuw gesprek.");
      }
      stuur("/begroeten", null);
    } else {
      await laadGeschiedenis();
      zetStatus("Verbonden. Uw gesprek gaat verder.");
    }
    zetInvoer();
  });

  socket.on("bot_uttered", (bericht) => {
    if (laden) { buffer.push(bericht); return; }
    if (wachtOpWis) {
      wachtOpWis = false;
      const tekst = bericht && typeof bericht.text === "string" ? bericht.text : "";
      nieuwGesprek();
      meld((tekst ? tekst + "\n" : "") +
        "Dit gesprek is gewist. U begint een nieuw gesprek.");
      return;
    }
    toon(bericht, true);
    zetStatus("Verbonden.");
  });

  // -- controls -----------------------------------------------------------

  formulier.addEventListener("submit", (e) => {
    e.preventDefault();
    const tekst = invoer.value.trim();
    if (!tekst) return;
    focusOpKnoppen = false;
    if (stuur(tekst, tekst)) invoer.value = "";
  });

  invoer.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      formulier.requestSubmit();
    }
  });

  knopVerslag.addEventListener("click", () => {
    const open = menu.hidden;
    menu.hidden = !open;
    knopVerslag.setAttribute("aria-expanded", String(open));
    if (open && downloads.firstChild) downloads.firstChild.focus();
  });

  knopWis.addEventListener("click", () => dialoog.showModal());
  $("wis-nee").addEventListener("click", () => dialoog.close());
  $("wis-ja").addEventListener("click", () => {
    dialoog.close();
    if (stuur(WIS, "Wis dit gesprek")) wachtOpWis = true;
  });
})();
