"""Each rule: what it removes, and what it must leave alone.

A case is a small page; ``removes`` are the blocks the rule must take out
(with its own id), ``keeps`` are lines that must stay in the body.  The
rules' docstring examples run too (pytest --doctest-modules).
"""

from __future__ import annotations

import re

import pytest

import cleantext
from cleantext.pipeline import demo
from cleantext.rules.base import REGISTRY

BODY = (
    "The council approved the new harbour plan on Monday after a debate that lasted "
    "six hours, with ten votes in favour and three against."
)
BODY2 = (
    "Work on the quay starts in the spring and should take two years, the harbour "
    "master told reporters after the meeting in the town hall."
)


def page(*parts: str) -> str:
    """A page: a headline and a date, then the given blocks (blank-line separated)."""
    return "\n\n".join(["Harbour plan approved\nMarch 3, 2024", *parts]) + "\n"


CASES: list[tuple[str, str, list[str], list[str]]] = [
    # rule, page, removes, keeps
    (
        "SH001",
        page("Share this:\nFacebook\nTwitter\nEmail", BODY, BODY2),
        ["Share this:", "Facebook", "Twitter"],
        [BODY],
    ),
    (
        "SH001",
        page(
            BODY,
            "Residents can share their views on the plan by email or on "
            "Twitter until the end of the month, the council said.",
            BODY2,
        ),
        [],
        ["Residents can share their views"],
    ),
    (
        "SH001",
        page(BODY, "Teilen\nTeilen auf Facebook\nWhatsApp", BODY2),
        ["Teilen", "Teilen auf Facebook", "WhatsApp"],
        [BODY2],
    ),
    (
        "CP001",
        page(
            "Boats in the harbour at dawn on Sunday, before the vote.",
            "Boats in the harbour at dawn on Sunday, before the vote. [Photo: Ana Ruiz]",
            BODY,
            BODY2,
        ),
        ["Boats in the harbour at dawn on Sunday, before the vote."],
        [BODY],
    ),
    (
        "CP002",
        page("Photo: Ana Ruiz/Harbour Agency", BODY, BODY2),
        ["Photo: Ana Ruiz/Harbour Agency"],
        [BODY],
    ),
    (
        "CP002",
        page(
            "Video shows the harbour wall collapsing during the storm, and the "
            "council said repairs would start at once.",
            BODY,
            BODY2,
        ),
        [],
        ["Video shows the harbour wall"],
    ),
    (
        "CM001",
        page(
            BODY,
            BODY2,
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "Name *\nEmail *\nWebsite",
            "Post Comment",
        ),
        ["Leave a Reply", "Name *", "Post Comment"],
        [BODY2],
    ),
    (
        "CM001",
        page(
            BODY,
            "Readers left more than 400 comments under our first report, "
            "most of them asking about the fish market.",
            BODY2,
        ),
        [],
        ["Readers left more than 400 comments"],
    ),
    (
        "CM002",
        page(
            BODY,
            BODY2,
            "3 Comments",
            "Anna K.\nMarch 3, 2024 at 9:14 pm",
            "About time, the old quay was falling apart.",
            "Reply",
        ),
        ["About time, the old quay was falling apart."],
        [BODY, BODY2],
    ),
    (
        "CA001",
        page(BODY, BODY2, "Anti-Spam * Time limit is exhausted. Please reload the CAPTCHA."),
        ["Anti-Spam * Time limit is exhausted. Please reload the CAPTCHA."],
        [BODY2],
    ),
    (
        "CK001",
        page(
            "We use cookies to give you the best experience on our website. By "
            "continuing you agree to our cookie policy.\nAccept all\nCookie settings",
            BODY,
            BODY2,
        ),
        ["Accept all", "Cookie settings"],
        [BODY],
    ),
    (
        "CK001",
        page(
            BODY,
            "The EU cookie law requires websites to obtain consent before storing "
            "cookies, a rule the council's own site broke for years, auditors found.",
            BODY2,
        ),
        [],
        ["The EU cookie law requires"],
    ),
    (
        "NL001",
        page(BODY, BODY2, "Sign up for our newsletter\nEnter your email address\nSubscribe"),
        ["Sign up for our newsletter", "Enter your email address", "Subscribe"],
        [BODY2],
    ),
    (
        "NL001",
        page(
            BODY,
            "The Gazette lost 3,000 subscribers last year and now asks readers "
            "to subscribe online, its editor told the council.",
            BODY2,
        ),
        [],
        ["The Gazette lost 3,000 subscribers"],
    ),
    (
        "NV001",
        page("Skip to content\nMenu\nSearch", BODY, BODY2),
        ["Skip to content", "Menu"],
        [BODY],
    ),
    ("NV002", page("Home › News › Harbour", BODY, BODY2), ["Home › News › Harbour"], [BODY]),
    (
        "RL001",
        page(BODY, "READ MORE: Fishermen fear for the old market", BODY2),
        ["READ MORE: Fishermen fear for the old market"],
        [BODY, BODY2],
    ),
    (
        "RL002",
        page(BODY, BODY2, "Related articles\nFerry fares to rise in June\nNew lifeboat named"),
        ["Related articles", "Ferry fares to rise in June", "New lifeboat named"],
        [BODY2],
    ),
    (
        "RL003",
        "Bridge closes\nPublished 14/11/2018\nTraffic will use the ring road.\n\n"
        "Zone 30 arrives\nPublished 12/11/2018\nSpeed limits change in January.\n\n"
        "Bus lines change\nPublished 02/11/2018\nThree routes are merged.\n",
        ["Bridge closes", "Published 12/11/2018"],
        [],
    ),
    ("AD001", page(BODY, "Advertisement", BODY2), ["Advertisement"], [BODY, BODY2]),
    (
        "AD001",
        page(BODY, "$749 at Voltmart\nCheck prices", BODY2),
        ["$749 at Voltmart", "Check prices"],
        [BODY2],
    ),
    (
        "TG001",
        page(BODY, BODY2, "Tags: harbour, council, budget"),
        ["Tags: harbour, council, budget"],
        [BODY2],
    ),
    (
        "AU001",
        page(
            BODY,
            BODY2,
            "About the author",
            "Jane Roe covers the harbour and the council for the paper.",
        ),
        ["About the author", "Jane Roe covers the harbour and the council for the paper."],
        [BODY2],
    ),
    (
        "AU002",
        page(BODY, BODY2, "Jane Roe is a staff writer covering the council and the port."),
        ["Jane Roe is a staff writer covering the council and the port."],
        [BODY2],
    ),
    (
        "LG001",
        page(BODY, BODY2, "© 2024 Harbour Media Group. All rights reserved."),
        ["© 2024 Harbour Media Group. All rights reserved."],
        [BODY2],
    ),
    (
        "LG001",
        page(
            BODY,
            "The band's copyright dispute over the harbour song went to court "
            "in 2019 and was settled last week for an undisclosed sum.",
            BODY2,
        ),
        [],
        ["The band's copyright dispute"],
    ),
    (
        "LG002",
        page(BODY, BODY2, "Privacy Policy\nTerms of Use\nContact"),
        ["Privacy Policy", "Terms of Use"],
        [BODY2],
    ),
    ("UP001", page("4 min read", BODY, BODY2), ["4 min read"], [BODY]),
    ("SY001", page("0\n|", BODY, BODY2), ["0", "|"], [BODY]),
    (
        "ER001",
        "Menu\n\nPage not found\n\nSorry, the page you are looking for does not exist.\n",
        ["Page not found"],
        [],
    ),
    (
        "FC002",
        page(BODY, BODY2, "(Reporting by Jane Roe; Editing by John Doe)"),
        ["(Reporting by Jane Roe; Editing by John Doe)"],
        [BODY2],
    ),
    ("DU001", page(BODY, BODY2, BODY), [BODY], [BODY2]),
]

# Portuguese, Italian and Dutch pages: the same rules through their phrase lists.
PT = (
    "A câmara aprovou na segunda-feira o novo plano do porto, depois de um debate "
    "de seis horas, com dez votos a favor e três contra."
)
PT2 = (
    "As obras no cais começam na primavera e devem durar dois anos, disse o "
    "capitão do porto aos jornalistas depois da reunião na câmara."
)
IT = (
    "Il consiglio comunale ha approvato lunedì il nuovo piano del porto dopo un "
    "dibattito durato sei ore, con dieci voti a favore e tre contrari."
)
IT2 = (
    "I lavori sul molo inizieranno in primavera e dovrebbero durare due anni, ha "
    "detto il comandante del porto ai giornalisti dopo la riunione."
)
NL = (
    "De gemeenteraad heeft maandag na een debat van zes uur het nieuwe havenplan "
    "goedgekeurd, met tien stemmen voor en drie tegen."
)
NL2 = (
    "De werkzaamheden aan de kade beginnen in het voorjaar en duren naar "
    "verwachting twee jaar, zei de havenmeester na de vergadering."
)


def page_in(head: str, *parts: str) -> str:
    return "\n\n".join([head, *parts]) + "\n"


def page_pt(*parts: str) -> str:
    return page_in("Câmara aprova o plano do porto\n3 de março de 2024", *parts)


def page_it(*parts: str) -> str:
    return page_in("Approvato il piano del porto\n3 marzo 2024", *parts)


def page_nl(*parts: str) -> str:
    return page_in("Gemeenteraad keurt havenplan goed\n3 maart 2024", *parts)


CASES += [
    # -- share bars
    (
        "SH001",
        page_pt("Compartilhe\nFacebook\nWhatsApp", PT, PT2),
        ["Compartilhe", "Facebook", "WhatsApp"],
        [PT],
    ),
    (
        "SH001",
        page_pt(
            PT,
            "Os moradores podem compartilhar as suas opiniões sobre o plano por e-mail "
            "até ao fim do mês, disse a câmara.",
            PT2,
        ),
        [],
        ["Os moradores podem compartilhar"],
    ),
    (
        "SH001",
        page_it(IT, "Condividi\nCondividi su Facebook\nStampa", IT2),
        ["Condividi", "Condividi su Facebook", "Stampa"],
        [IT2],
    ),
    (
        "SH001",
        page_it(
            IT,
            "I residenti possono condividere le loro opinioni sul piano via email o su "
            "Facebook fino alla fine del mese, ha detto il comune.",
            IT2,
        ),
        [],
        ["I residenti possono condividere"],
    ),
    (
        "SH001",
        page_nl(NL, "Delen\nDeel dit artikel\nWhatsApp", NL2),
        ["Delen", "Deel dit artikel", "WhatsApp"],
        [NL2],
    ),
    (
        "SH001",
        page_nl(
            NL,
            "Bewoners kunnen hun mening over het plan tot het einde van de maand per "
            "e-mail delen, aldus de gemeente.",
            NL2,
        ),
        [],
        ["Bewoners kunnen hun mening"],
    ),
    # -- related links
    (
        "RL001",
        page_pt(PT, "Leia também: Pescadores temem pelo velho mercado", PT2),
        ["Leia também: Pescadores temem pelo velho mercado"],
        [PT, PT2],
    ),
    (
        "RL001",
        page_it(IT, "Leggi anche: I pescatori temono per il vecchio mercato", IT2),
        ["Leggi anche: I pescatori temono per il vecchio mercato"],
        [IT, IT2],
    ),
    (
        "RL001",
        page_nl(NL, "Lees ook: Vissers vrezen voor de oude vismarkt", NL2),
        ["Lees ook: Vissers vrezen voor de oude vismarkt"],
        [NL, NL2],
    ),
    (
        "RL002",
        page_pt(
            PT,
            PT2,
            "Notícias relacionadas\nTarifas do ferry sobem em junho\nNovo barco salva-vidas",
        ),
        ["Tarifas do ferry sobem em junho", "Novo barco salva-vidas"],
        [PT2],
    ),
    (
        "RL002",
        page_pt(
            PT,
            "Os leitores podem consultar as notícias relacionadas com o porto no arquivo "
            "municipal, que abre todos os dias às nove horas.",
            PT2,
        ),
        [],
        ["Os leitores podem consultar as notícias relacionadas"],
    ),
    (
        "RL002",
        page_it(IT, IT2, "Articoli correlati\nAumentano le tariffe del traghetto\nNuova scialuppa"),
        ["Articoli correlati", "Aumentano le tariffe del traghetto"],
        [IT2],
    ),
    (
        "RL002",
        page_nl(
            NL, NL2, "Gerelateerde artikelen\nVeerpont wordt duurder in juni\nNieuwe reddingsboot"
        ),
        ["Gerelateerde artikelen", "Veerpont wordt duurder in juni"],
        [NL2],
    ),
    # -- comments
    (
        "CM001",
        page_pt(
            PT,
            PT2,
            "Deixe um comentário",
            "O seu endereço de email não será publicado. Campos obrigatórios são marcados com *",
            "Nome *\nEmail *\nSite",
            "Publicar comentário",
        ),
        ["Deixe um comentário", "Nome *", "Publicar comentário"],
        [PT2],
    ),
    (
        "CM001",
        page_pt(
            PT,
            "Os leitores deixaram mais de 400 comentários na nossa primeira reportagem, "
            "a maioria sobre o futuro do mercado de peixe.",
            PT2,
        ),
        [],
        ["Os leitores deixaram mais de 400 comentários"],
    ),
    (
        "CM001",
        page_it(
            IT,
            IT2,
            "Lascia un commento",
            "Il tuo indirizzo email non sarà pubblicato. I campi obbligatori sono contrassegnati *",
        ),
        [
            "Lascia un commento",
            "Il tuo indirizzo email non sarà pubblicato. I campi obbligatori sono contrassegnati *",
        ],
        [IT2],
    ),
    (
        "CM001",
        page_nl(
            NL,
            NL2,
            "Laat een reactie achter",
            "Je e-mailadres wordt niet gepubliceerd. Vereiste velden zijn gemarkeerd met *",
        ),
        [
            "Laat een reactie achter",
            "Je e-mailadres wordt niet gepubliceerd. Vereiste velden zijn gemarkeerd met *",
        ],
        [NL2],
    ),
    (
        "CM002",
        page_it(
            IT,
            IT2,
            "3 commenti",
            "Anna K.\n3 marzo 2024 alle 21:14",
            "Era ora, il vecchio molo stava cadendo a pezzi.",
        ),
        ["Era ora, il vecchio molo stava cadendo a pezzi."],
        [IT, IT2],
    ),
    (
        "CM002",
        page_nl(
            NL,
            NL2,
            "2 reacties",
            "Anna K.\n3 maart 2024 om 21:14",
            "Eindelijk, de oude kade viel bijna uit elkaar.",
        ),
        ["Eindelijk, de oude kade viel bijna uit elkaar."],
        [NL, NL2],
    ),
    (
        "CM002",
        page_nl(
            NL,
            "Op het plan kwamen tientallen reacties van vissers en bewoners, die vooral "
            "vrezen voor de toekomst van de oude vismarkt.",
            NL2,
        ),
        [],
        ["Op het plan kwamen tientallen reacties"],
    ),
    # -- cookie notices
    (
        "CK001",
        page_pt(
            "Utilizamos cookies para melhorar a sua experiência. Ao continuar a navegar, "
            "concorda com a nossa política de cookies.\nAceitar todos\nDefinições de cookies",
            PT,
            PT2,
        ),
        ["Aceitar todos", "Definições de cookies"],
        [PT],
    ),
    (
        "CK001",
        page_it(
            "Questo sito utilizza cookie tecnici e, previo tuo consenso, cookie di "
            "profilazione. Proseguendo la navigazione accetti l'uso dei cookie."
            "\nAccetta tutti\nRifiuta",
            IT,
            IT2,
        ),
        ["Accetta tutti", "Rifiuta"],
        [IT],
    ),
    (
        "CK001",
        page_nl(
            "Wij gebruiken cookies om je ervaring te verbeteren. Door verder te gaan ga je "
            "akkoord met ons cookiebeleid.\nAlles accepteren\nCookie-instellingen",
            NL,
            NL2,
        ),
        ["Alles accepteren", "Cookie-instellingen"],
        [NL],
    ),
    (
        "CK001",
        page_nl(
            NL,
            "De Europese cookiewet verplicht websites om toestemming te vragen voordat "
            "ze cookies plaatsen, een regel die de site van de gemeente jarenlang negeerde.",
            NL2,
        ),
        [],
        ["De Europese cookiewet verplicht"],
    ),
    # -- newsletters and paywalls
    (
        "NL001",
        page_pt(PT, PT2, "Assine a nossa newsletter\nDigite seu e-mail\nAssine"),
        ["Assine a nossa newsletter", "Digite seu e-mail", "Assine"],
        [PT2],
    ),
    (
        "NL001",
        page_pt(
            PT,
            "O jornal perdeu 3.000 assinantes no ano passado e agora pede aos leitores "
            "que assinem a edição online, disse o diretor à câmara.",
            PT2,
        ),
        [],
        ["O jornal perdeu 3.000 assinantes"],
    ),
    (
        "NL001",
        page_it(IT, IT2, "Iscriviti alla nostra newsletter\nInserisci la tua email"),
        ["Iscriviti alla nostra newsletter", "Inserisci la tua email"],
        [IT2],
    ),
    (
        "NL001",
        page_it(
            IT,
            "Il giornale ha perso 3.000 abbonati l'anno scorso e ora chiede ai lettori "
            "di abbonarsi online, ha detto il direttore al consiglio.",
            IT2,
        ),
        [],
        ["Il giornale ha perso 3.000 abbonati"],
    ),
    (
        "NL001",
        page_nl(NL, NL2, "Schrijf je in voor onze nieuwsbrief\nVul je e-mailadres in\nAbonneren"),
        ["Schrijf je in voor onze nieuwsbrief", "Vul je e-mailadres in", "Abonneren"],
        [NL2],
    ),
    (
        "NL001",
        page_nl(
            NL,
            "De krant verloor vorig jaar 3.000 abonnees en vraagt lezers nu om zich "
            "online te abonneren, vertelde de hoofdredacteur aan de raad.",
            NL2,
        ),
        [],
        ["De krant verloor vorig jaar 3.000 abonnees"],
    ),
    # -- navigation
    (
        "NV001",
        page_pt("Pular para o conteúdo\nMenu\nBuscar", PT, PT2),
        ["Pular para o conteúdo", "Menu"],
        [PT],
    ),
    (
        "NV001",
        page_it("Vai al contenuto principale\nMenu\nCerca", IT, IT2),
        ["Vai al contenuto principale", "Menu"],
        [IT],
    ),
    (
        "NV001",
        page_nl("Naar de hoofdinhoud\nMenu\nZoeken", NL, NL2),
        ["Naar de hoofdinhoud", "Menu"],
        [NL],
    ),
    (
        "NV002",
        page_pt("Início › Cidades › A câmara aprova o novo plano do porto depois do debate", PT),
        ["Início › Cidades › A câmara aprova o novo plano do porto depois do debate"],
        [PT],
    ),
    # -- ads
    ("AD001", page_pt(PT, "Publicidade", PT2), ["Publicidade"], [PT, PT2]),
    ("AD001", page_it(IT, "Pubblicità", IT2), ["Pubblicità"], [IT, IT2]),
    (
        "AD001",
        page_nl(NL, "Advertentie", "Het artikel gaat verder onder de advertentie", NL2),
        ["Advertentie", "Het artikel gaat verder onder de advertentie"],
        [NL, NL2],
    ),
    (
        "AD001",
        page_nl(
            NL,
            "Het ontwerpbureau kreeg een commissie van de gemeente voor de nieuwe kade "
            "en de advertentie voor de aanbesteding stond al in maart online.",
            NL2,
        ),
        [],
        ["Het ontwerpbureau kreeg een commissie"],
    ),
    # -- tags
    (
        "TG001",
        page_pt(PT, PT2, "Tags: porto, câmara, orçamento"),
        ["Tags: porto, câmara, orçamento"],
        [PT2],
    ),
    (
        "TG001",
        page_it(IT, IT2, "Argomenti: porto, consiglio comunale, bilancio"),
        ["Argomenti: porto, consiglio comunale, bilancio"],
        [IT2],
    ),
    (
        "TG001",
        page_nl(NL, NL2, "Trefwoorden: haven, gemeenteraad, begroting"),
        ["Trefwoorden: haven, gemeenteraad, begroting"],
        [NL2],
    ),
    # -- author boxes and bios
    (
        "AU001",
        page_pt(
            PT,
            PT2,
            "Sobre o autor",
            "Maria Silva cobre o porto e a câmara municipal para o jornal.",
        ),
        ["Sobre o autor", "Maria Silva cobre o porto e a câmara municipal para o jornal."],
        [PT2],
    ),
    (
        "AU001",
        page_nl(
            NL,
            NL2,
            "Over de auteur",
            "Anna Visser volgt de haven en de gemeenteraad voor de krant.",
        ),
        ["Over de auteur", "Anna Visser volgt de haven en de gemeenteraad voor de krant."],
        [NL2],
    ),
    (
        "AU002",
        page_it(
            IT, IT2, "Giulia Rossi è una giornalista che segue il consiglio comunale e il porto."
        ),
        ["Giulia Rossi è una giornalista che segue il consiglio comunale e il porto."],
        [IT2],
    ),
    (
        "AU002",
        page_pt(
            PT, PT2, "Maria Silva é jornalista e cobre a câmara municipal e o porto desde 2015."
        ),
        ["Maria Silva é jornalista e cobre a câmara municipal e o porto desde 2015."],
        [PT2],
    ),
    (
        "AU002",
        page_nl(NL, NL2, "Anna Visser is verslaggever en volgt de gemeenteraad en de haven."),
        ["Anna Visser is verslaggever en volgt de gemeenteraad en de haven."],
        [NL2],
    ),
    # -- legal footers
    (
        "LG001",
        page_pt(PT, PT2, "© 2024 Grupo Porto Mídia. Todos os direitos reservados."),
        ["© 2024 Grupo Porto Mídia. Todos os direitos reservados."],
        [PT2],
    ),
    (
        "LG001",
        page_it(IT, IT2, "Riproduzione riservata"),
        ["Riproduzione riservata"],
        [IT2],
    ),
    (
        "LG001",
        page_nl(
            NL,
            "De rechten op het havenlied zijn sinds 2019 onderwerp van een rechtszaak "
            "die vorige week werd geschikt voor een onbekend bedrag.",
            NL2,
        ),
        [],
        ["De rechten op het havenlied"],
    ),
    (
        "LG002",
        page_nl(NL, NL2, "Privacyverklaring\nAlgemene voorwaarden\nContact"),
        ["Algemene voorwaarden"],
        [NL2],
    ),
    (
        "LG002",
        page_pt(PT, PT2, "Política de privacidade\nTermos de uso\nFale conosco"),
        ["Política de privacidade", "Termos de uso", "Fale conosco"],
        [PT2],
    ),
    # -- reading time and "updated"
    ("UP001", page_pt("5 min de leitura", PT, PT2), ["5 min de leitura"], [PT]),
    ("UP001", page_it("Tempo di lettura: 4 minuti", IT, IT2), ["Tempo di lettura: 4 minuti"], [IT]),
    ("UP001", page_nl("3 minuten leestijd", NL, NL2), ["3 minuten leestijd"], [NL]),
    (
        "UP001",
        page_it(
            IT,
            "Aggiornato il piano del porto dopo le critiche dei pescatori, che temono "
            "per il mercato.",
            IT2,
        ),
        [],
        ["Aggiornato il piano del porto"],
    ),
    # -- captions and credits
    (
        "CP002",
        page_pt("Foto: Ana Ruiz/Agência Porto", PT, PT2),
        ["Foto: Ana Ruiz/Agência Porto"],
        [PT],
    ),
    (
        "CP002",
        page_pt("Barcos no porto ao amanhecer de domingo.\nReprodução/Instagram", PT, PT2),
        ["Barcos no porto ao amanhecer de domingo.", "Reprodução/Instagram"],
        [PT],
    ),
    (
        "CP002",
        page_nl("Beeld: Ana Ruiz/Havenbureau", NL, NL2),
        ["Beeld: Ana Ruiz/Havenbureau"],
        [NL],
    ),
    (
        "CP002",
        page_pt(
            "Reprodução assistida volta ao debate na câmara depois de duas décadas de espera.",
            PT,
            PT2,
        ),
        [],
        ["Reprodução assistida volta ao debate"],
    ),
    # -- captcha, error pages, credit lines
    (
        "CA001",
        page_it(IT, IT2, "Il tempo limite è esaurito. Per favore ricarica il CAPTCHA."),
        ["Il tempo limite è esaurito. Per favore ricarica il CAPTCHA."],
        [IT2],
    ),
    (
        "ER001",
        "Menu\n\nPágina não encontrada\n\nDesculpe, a página que você procura não existe.\n",
        ["Página não encontrada"],
        [],
    ),
    (
        "ER001",
        "Menu\n\nPagina niet gevonden\n\nSorry, de pagina die je zoekt bestaat niet meer.\n",
        ["Pagina niet gevonden"],
        [],
    ),
    (
        "FC002",
        page_nl(NL, NL2, "(Vertaald door Jan Jansen)"),
        ["(Vertaald door Jan Jansen)"],
        [NL2],
    ),
]


@pytest.mark.parametrize(
    ("rule_id", "text", "removes", "keeps"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_rule_case(rule_id: str, text: str, removes: list[str], keeps: list[str]) -> None:
    removed = demo(rule_id, text)
    for line in removes:
        assert line in removed, f"{rule_id} should remove {line!r}; removed {removed!r}"
    if not removes:
        assert not any(k in r for k in keeps for r in removed), removed
    body = cleantext.clean(text).body
    for line in keeps:
        assert line in body, f"{line!r} should stay in the body:\n{body}"


def test_every_rule_has_a_case_or_an_example() -> None:
    tested = {c[0] for c in CASES}
    for r in REGISTRY.values():
        assert r.id in tested or "Example:" in r.doc, r.id


@pytest.mark.parametrize("rule_id", sorted(REGISTRY))
def test_rule_contract(rule_id: str) -> None:
    r = REGISTRY[rule_id]
    assert re.fullmatch(r"[A-Z]{2}\d{3}", r.id)
    assert r.family == r.id[:2]
    assert r.kind and r.name
    assert r.summary and r.summary[0].isupper()
    assert "Example:" in r.doc, f"{rule_id} has no docstring example"


def test_disabling_a_rule_keeps_its_blocks() -> None:
    text = page("Share this:\nFacebook\nTwitter", BODY, BODY2)
    with_rule = cleantext.clean(text)
    without = cleantext.clean(text, disable=["SH001"])
    assert any(r.rule == "SH001" for r in with_rule.removed)
    assert not any(r.rule == "SH001" for r in without.removed)


def test_unknown_rule_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown rule"):
        cleantext.clean("x", disable=["ZZ999"])


def test_rules_name_no_site_or_url() -> None:
    """Rules are general: no URL or domain in any rule module or phrase list."""
    from importlib import resources

    root = resources.files("cleantext")
    texts = [
        p.read_text(encoding="utf-8")
        for p in root.joinpath("rules").iterdir()
        if p.name.endswith(".py")
    ]
    for lang in root.joinpath("data").joinpath("phrases").iterdir():
        texts += [p.read_text(encoding="utf-8") for p in lang.iterdir()]
    for t in texts:
        assert not re.search(r"https?://|www\.\w|\w\.(?:com|org|net|co\.uk)\b", t)


def test_phrase_packs_match_the_french_sections() -> None:
    """Every full language pack has the French pack's files and sections, and is in use."""
    from importlib import resources

    from cleantext.phrases import LANGS, _sections

    root = resources.files("cleantext").joinpath("data").joinpath("phrases")
    families = sorted(
        p.name[:-4]
        for p in root.joinpath("fr").iterdir()
        if p.name.endswith(".txt") and p.name not in ("dates.txt", "function.txt")
    )
    for lang in ("pt", "it", "nl"):
        assert lang in LANGS
        for family in families:
            assert root.joinpath(lang).joinpath(f"{family}.txt").is_file(), (lang, family)
            assert set(_sections(lang, family)) == set(_sections("fr", family)), (lang, family)
