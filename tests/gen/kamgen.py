#!/usr/bin/env python3
"""kamgen: deterministic demo and benchmark data for kam.

Writes a psql script to stdout: one COPY ... FROM STDIN block (text format)
per table in foreign-key order, then setval() for every identity column.

    kamgen.py [--seed N] [--accounts N] [--today YYYY-MM-DD]
              [--users anna=1,bo=2,...] [--erp DIR]

With --erp the ERP's side goes to DIR instead, for tests/erp/fake_erp.py
to serve (serve --data DIR): customers.jsonl, contacts.jsonl, orders.jsonl
and invoices.jsonl, one record of kam's native contract a line. The
script then leaves to a sync what the ERP owns: the accounts' legal name,
VAT id, address, payment terms and credit limit, the contacts' job title,
e-mail and phone, and all orders and invoices. What kam owns (tiers,
owners, plans, history, the contacts' roles) and the ERP ids that link
the two are in the script as always. The same seed draws the same data
either way.

The same arguments give the same bytes. Rows carry explicit ids with fixed
strides per account (contact ids are account_index * 8 + k + 1 and so on),
so every table is written in one streaming pass over the accounts: the
only state kept across tables is a few small per-account attributes.
Each table pass re-seeds the one random.Random instance from the seed and
the table's number, so a pass never depends on how far another one drew.

Standard library only; no global random state, no hash() of strings.
"""

import argparse
import datetime
import json
import math
import os
import random
import re
import string
import sys
import unicodedata

# --------------------------------------------------------------------------
# COPY text format

_ESC = str.maketrans({'\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r'})
NULL = '\\N'


def esc(s):
    """One COPY text field: backslash, tab, newline, CR escaped; None is NULL."""
    return NULL if s is None else s.translate(_ESC)


_UNESC = re.compile(r'\\([\\tnr])')
_UNESC_CHAR = {'\\': '\\', 't': '\t', 'n': '\n', 'r': '\r'}


def unesc(s):
    """The text of a COPY field esc() made; NULL is None."""
    if s == NULL:
        return None
    return _UNESC.sub(lambda m: _UNESC_CHAR[m.group(1)], s)


def erp_time(day, clock):
    """'2026-11-22' and '03:14:31+00' as RFC 3339 in UTC."""
    return '%sT%sZ' % (day, clock[:8])


class ErpSide:
    """The ERP's records, one JSON object a line per resource, written to
    name.jsonl.tmp and renamed when complete."""

    def __init__(self, folder):
        self.folder = folder
        self.files = {}

    def add(self, res, rec):
        f = self.files.get(res)
        if f is None:
            path = os.path.join(self.folder, res + '.jsonl.tmp')
            f = self.files[res] = open(path, 'w', encoding='utf-8')
        f.write(json.dumps({k: v for k, v in rec.items() if v is not None},
                           ensure_ascii=False, separators=(',', ':')) + '\n')

    def close(self):
        for res in ('customers', 'contacts', 'orders', 'invoices'):
            tmp = os.path.join(self.folder, res + '.jsonl.tmp')
            if res in self.files:
                self.files[res].close()
            else:
                open(tmp, 'w').close()
            os.replace(tmp, os.path.join(self.folder, res + '.jsonl'))


# --------------------------------------------------------------------------
# Folding names to ASCII (e-mail addresses, domains)

_FOLD = {'ß': 'ss', 'æ': 'ae', 'Æ': 'Ae', 'ø': 'o', 'Ø': 'O', 'ł': 'l',
         'Ł': 'L', 'ı': 'i', 'đ': 'd', 'Đ': 'D', 'œ': 'oe', 'Œ': 'Oe',
         'þ': 'th', 'ð': 'd', 'ä': 'ae', 'ö': 'oe', 'ü': 'ue', 'Ä': 'Ae',
         'Ö': 'Oe', 'Ü': 'Ue'}
_NO_UMLAUT_EXPANSION = {'SE', 'FI', 'TR', 'NO', 'DK'}


def fold(s, country=''):
    """Lower-case ASCII slug of s: 'Müller & Söhne' -> 'mueller-soehne'."""
    out = []
    for ch in s:
        if country in _NO_UMLAUT_EXPANSION and ch in 'äöüÄÖÜ':
            ch = unicodedata.normalize('NFKD', ch)[0]
        out.append(_FOLD.get(ch, ch))
    s = unicodedata.normalize('NFKD', ''.join(out))
    s = ''.join(ch for ch in s if not unicodedata.combining(ch)).lower()
    slug = []
    dash = False
    for ch in s:
        if 'a' <= ch <= 'z' or '0' <= ch <= '9':
            slug.append(ch)
            dash = False
        elif not dash and slug:
            slug.append('-')
            dash = True
    return ''.join(slug).strip('-')


# --------------------------------------------------------------------------
# Templates: '#' is a random digit, '@' a random capital letter.

_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ'


class Tpl:
    __slots__ = ('fmt', 'nd', 'has_letters', 'src')

    def __init__(self, s):
        self.src = s
        self.has_letters = '@' in s
        self.nd = s.count('#')
        self.fmt = s.replace('{', '{{').replace('}', '}}').replace('#', '{}')

    def __call__(self, r):
        if self.has_letters:
            out = []
            for ch in self.src:
                if ch == '#':
                    out.append('0123456789'[int(r() * 10)])
                elif ch == '@':
                    out.append(_LETTERS[int(r() * len(_LETTERS))])
                else:
                    out.append(ch)
            return ''.join(out)
        nd = self.nd
        if nd == 0:
            return self.src
        if nd <= 15:
            digits = '%0*d' % (nd, int(r() * 10 ** nd))
        else:
            digits = ''.join('%015d' % int(r() * 10 ** 15)
                             for _ in range(nd // 15 + 1))[:nd]
        return self.fmt.format(*digits)


# --------------------------------------------------------------------------
# Countries

def L(s):
    """'Müller; Papadopoulos=Παπαδόπουλος'-style list -> [(native, roman)].

    An item 'native=roman' gives the romanised form (for e-mail addresses
    and Latin-script names); otherwise native is its own roman form."""
    out = []
    for item in s.split(';'):
        item = item.strip()
        if not item:
            continue
        if '=' in item:
            n, rm = item.split('=', 1)
            out.append((n.strip(), rm.strip()))
        else:
            out.append((item, item))
    return out


class City:
    __slots__ = ('name', 'roman', 'pc', 'area', 'pref', 'state', 'tz', 'off',
                 'phone')

    def __init__(self, name, pc, area, pref='', state='', tz=None, off=None):
        if '=' in name:
            name, roman = name.split('=', 1)
        else:
            roman = name
        self.name, self.roman = name, roman
        self.pc, self.area, self.pref, self.state = Tpl(pc), area, pref, state
        self.tz, self.off = tz, off
        self.phone = None


class Country:
    def __init__(self, code, weight, currency, scale, tld, tz, off, lang,
                 vat, phone, addr, cities, streets, first, last, parts,
                 patterns, person='{F} {L}', titles=(), terms=(),
                 female_surname=None, whole_units=False):
        self.code, self.weight, self.currency = code, weight, currency
        self.scale, self.tld, self.tz, self.off = scale, tld, tz, off
        self.lang = lang
        self.vat = Tpl(vat)
        self.addr = addr
        self.cities = cities
        for c in cities:
            c.tz = c.tz or tz
            c.off = c.off or off
            c.phone = Tpl(phone.replace('{area}', c.area))
        self.streets = streets
        self.first = first
        self.last = last
        self.parts = parts          # key -> [(native, roman)]
        self.parts['C'] = [(c.name, c.roman) for c in cities]
        self.patterns = patterns
        self.person = person
        self.titles = titles
        self.terms = terms
        self.female_surname = female_surname
        self.whole_units = whole_units


def _pl_female(last):
    for a, b in (('ski', 'ska'), ('cki', 'cka'), ('dzki', 'dzka')):
        if last.endswith(a):
            return last[:-len(a)] + b
    return last


def _cz_female(last):
    if last.endswith('ý'):
        return last[:-1] + 'á'
    if last.endswith('ek'):
        return last[:-2] + 'ková'
    if last.endswith('a'):
        return last[:-1] + 'ová'
    return last + 'ová'


DE_DESC = L('Maschinenbau; Logistik; Elektrotechnik; Metallbau; '
            'Antriebstechnik; Kunststofftechnik; Feinmechanik; Druckerei; '
            'Verpackungen; Lebensmittel; Anlagenbau; Werkzeugbau; '
            'Haustechnik; Medizintechnik; Systemtechnik; Stahlhandel; '
            'Holzbau; Präzisionsteile; Fördertechnik; Umwelttechnik; '
            'Landtechnik; Messtechnik; Gießerei; Baustoffe')
DE_TITLES = ('Leitung Einkauf', 'Geschäftsführung', 'Einkauf',
             'Technische Leitung', 'Leitung Instandhaltung',
             'Assistenz der Geschäftsführung', 'Leitung Logistik',
             'Qualitätsmanagement', 'Werksleitung')
DE_TERMS = (('30 Tage netto', 30), ('14 Tage 2 % Skonto, 30 Tage netto', 30),
            ('60 Tage netto', 60), ('Zahlbar sofort ohne Abzug', 0),
            ('45 Tage netto', 45))
EN_TERMS = (('30 days net', 30), ('14 days 2 % discount, 30 days net', 30),
            ('45 days net', 45), ('60 days net', 60), ('90 days net', 90),
            ('end of month + 30 days', 45), ('payment in advance', 0))
US_TERMS = (('Net 30', 30), ('Net 45', 45), ('Net 60', 60),
            ('2/10 Net 30', 30), ('Due on receipt', 0))

COUNTRIES = [
    Country(
        'DE', 16, 'EUR', 1.0, 'de', 'Europe/Berlin', '+01', 'de',
        'DE#########', '+49 {area} #######', '{st} {no}, {pc} {city}',
        [City('Hamburg', '20###', '40'), City('München', '80###', '89'),
         City('Berlin', '10###', '30'), City('Köln', '50###', '221'),
         City('Frankfurt am Main', '60###', '69'),
         City('Stuttgart', '70###', '711'), City('Düsseldorf', '40###', '211'),
         City('Leipzig', '04###', '341'), City('Dortmund', '44###', '231'),
         City('Nürnberg', '90###', '911'), City('Bremen', '28###', '421'),
         City('Hannover', '30###', '511'), City('Dresden', '01###', '351'),
         City('Mannheim', '68###', '621'), City('Augsburg', '86###', '821'),
         City('Bielefeld', '33###', '521'),
         City('Freiburg im Breisgau', '79###', '761'),
         City('Kiel', '24###', '431')],
        ['Hauptstraße', 'Bahnhofstraße', 'Industriestraße', 'Gewerbering',
         'Am Hafen', 'Schillerstraße', 'Goethestraße', 'Lindenallee',
         'Mühlenweg', 'Königsallee', 'Große Straße', 'Gartenstraße',
         'Robert-Bosch-Straße', 'Siemensstraße', 'Im Gewerbepark'],
        L('Anna; Lukas; Sophie; Jonas; Marie; Felix; Lena; Maximilian; '
          'Katharina; Jürgen; Sabine; Thomas; Birgit; Uwe; Stefanie; '
          'Matthias; Özlem; Günter; Jörg; Ute; Hans-Peter; Ayşe'),
        L('Müller; Schmidt; Schneider; Fischer; Weber; Meyer; Wagner; '
          'Becker; Schulz; Hoffmann; Schäfer; Koch; Bauer; Richter; Klein; '
          'Wolf; Schröder; Neumann; Schwarz; Zimmermann; Braun; Krüger; '
          'Hartmann; Lange; Werner; Krause; Lehmann; Köhler; Jäger; Groß; '
          'Weiß; Böhm; Förster; Vogel; Fuchs; Kühn; Maier; Brandt; Haas; '
          'Sauer; Yılmaz; Nowak'),
        {'D': DE_DESC,
         'X': L('GmbH; GmbH; GmbH; GmbH & Co. KG; AG; KG; SE; e.K.'),
         'R': L('Nord; Süd; Ost; West; Rhein-Main; Bayern; Sachsen; '
                'Westfalen; Baden; Franken')},
        ['{S} {D} {X}', '{S} & {S2} {X}', '{D} {C} {X}', '{S} {D} {R} {X}',
         '{S}-{S2} {D} {X}', '{S} {X}'],
        titles=DE_TITLES, terms=DE_TERMS),
    Country(
        'AT', 4, 'EUR', 1.0, 'at', 'Europe/Vienna', '+01', 'de',
        'ATU########', '+43 {area} ######', '{st} {no}, {pc} {city}',
        [City('Wien', '1###', '1'), City('Graz', '80##', '316'),
         City('Linz', '40##', '732'), City('Salzburg', '50##', '662'),
         City('Innsbruck', '60##', '512'), City('Klagenfurt', '90##', '463'),
         City('Villach', '95##', '4242'), City('St. Pölten', '31##', '2742'),
         City('Wels', '46##', '7242'), City('Dornbirn', '68##', '5572')],
        ['Mariahilfer Straße', 'Landstraße', 'Industriezeile', 'Hauptplatz',
         'Linzer Straße', 'Wiener Straße', 'Bahnhofgasse', 'Gewerbepark'],
        L('Florian; Anna; Lukas; Katharina; Stefan; Julia; Andreas; '
          'Theresa; Wolfgang; Elisabeth; Johann; Barbara; Maximilian'),
        L('Gruber; Huber; Bauer; Wagner; Pichler; Steiner; Moser; Mayer; '
          'Hofer; Leitner; Berger; Fuchs; Eder; Fischer; Schmid; Winkler; '
          'Weber; Schwarz; Maier; Schneider; Reiter; Mayr; Baumgartner; '
          'Wimmer; Egger; Brunner; Lang; Auer; Binder; Lechner'),
        {'D': DE_DESC, 'X': L('GmbH; GmbH; GmbH; AG; KG; GmbH & Co KG; OG'),
         'R': L('Alpen; Donau; Tirol; Steiermark; Kärnten; Vorarlberg; '
                'Mühlviertel; Waldviertel')},
        ['{S} {D} {X}', '{S} & {S2} {X}', '{R} {D} {X}', '{S} {D} {C} {X}',
         '{R}{D} {S} {X}'],
        titles=DE_TITLES, terms=DE_TERMS),
    Country(
        'CH', 4, 'CHF', 0.95, 'ch', 'Europe/Zurich', '+01', 'de',
        'CHE-###.###.### MWST', '+41 {area} ### ## ##',
        '{st} {no}, {pc} {city}',
        [City('Zürich', '80##', '44'), City('Genève', '12##', '22'),
         City('Basel', '40##', '61'), City('Bern', '30##', '31'),
         City('Lausanne', '10##', '21'), City('Luzern', '60##', '41'),
         City('St. Gallen', '90##', '71'), City('Lugano', '69##', '91'),
         City('Winterthur', '84##', '52'), City('Neuchâtel', '20##', '32')],
        ['Bahnhofstrasse', 'Rue du Rhône', 'Industriestrasse', 'Seestrasse',
         'Avenue de la Gare', 'Hauptgasse', 'Via Nassa', 'Zürcherstrasse'],
        L('Reto; Andrea; Beat; Corinne; Urs; Nicole; Daniel; Séverine; '
          'Marco; Chiara; Lukas; Mélanie; Jean-Luc; Franziska'),
        L('Meier; Keller; Brunner; Gerber; Baumann; Frei; Huber; Moser; '
          'Favre; Rochat; Bonvin; Rossi; Müller; Steiner; Zürcher; '
          'Widmer; Bühler; Schärer; Gauthier; Fontana'),
        {'D': L('Präzision; Uhren; Pharma; Maschinen; Transport; '
                'Horlogerie; Mécanique; Électronique; Logistique; '
                'Medizinaltechnik; Elektro; Käserei; Sanitär'),
         'X': L('AG; AG; SA; SA; GmbH; Sàrl'),
         'R': L('Helvetia; Alpina; Jura; Léman; Rigi; Ticino; Engadin; '
                'Suisse')},
        ['{S} {D} {X}', '{S} & {S2} {X}', '{R} {D} {X}', '{D} {C} {X}',
         '{S} {R} {X}', '{S} {D} {C} {X}', '{S} & {S2} {D} {X}'],
        titles=DE_TITLES + ('Direction des achats', 'Responsable logistique'),
        terms=DE_TERMS),
    Country(
        'SE', 6, 'SEK', 11.0, 'se', 'Europe/Stockholm', '+01', 'sv',
        'SE##########01', '+46 {area} ### ## ##', '{st} {no}, {pc} {city}',
        [City('Stockholm', '1## ##', '8'), City('Göteborg', '4## ##', '31'),
         City('Malmö', '2## ##', '40'), City('Uppsala', '75# ##', '18'),
         City('Västerås', '72# ##', '21'), City('Örebro', '70# ##', '19'),
         City('Linköping', '58# ##', '13'),
         City('Helsingborg', '25# ##', '42'),
         City('Jönköping', '55# ##', '36'), City('Umeå', '90# ##', '90'),
         City('Norrköping', '60# ##', '11'), City('Luleå', '97# ##', '920')],
        ['Storgatan', 'Drottninggatan', 'Kungsgatan', 'Industrivägen',
         'Hamngatan', 'Sveavägen', 'Järnvägsgatan', 'Östra Hamngatan',
         'Verkstadsgatan', 'Ängsvägen', 'Åkervägen'],
        L('Erik; Anna; Lars; Karin; Björn; Ingrid; Åsa; Sven; Maja; Oskar; '
          'Linnéa; Göran; Elin; Johan; Märta; Pär'),
        L('Andersson; Johansson; Karlsson; Nilsson; Eriksson; Larsson; '
          'Olsson; Persson; Svensson; Gustafsson; Pettersson; Jonsson; '
          'Hansson; Bengtsson; Jönsson; Lindberg; Lindström; Lindqvist; '
          'Åkesson; Öberg; Sjöberg; Wallin; Engström; Holm; Lundgren; '
          'Bergström; Söderberg; Ekström; Nordin; Åhlén'),
        {'D': L('Verkstad; Logistik; Bygg; Elteknik; Mekaniska; Trä; Plast; '
                'Transport; Livsmedel; Maskin; Industri; Stål; Skog; Kyl; '
                'Data; Gjuteri'),
         'X': L('AB; AB; AB; AB; & Co AB; Gruppen AB; HB'),
         'R': L('Norrlands; Svenska; Västsvenska; Skånska; Mälardalens; '
                'Bergslagens; Gotlands; Smålands')},
        ['{S} {D} {X}', '{S}s {D} {X}', '{R} {D} {X}', '{S} & {S2} {X}',
         '{D} i {C} {X}', '{S}s {X}', '{S} {D} {C} {X}'],
        titles=('Inköpschef', 'VD', 'Logistikchef', 'Teknisk chef'),
        terms=(('30 dagar netto', 30), ('60 dagar netto', 60),
               ('10 dagar 2 %, 30 dagar netto', 30))),
    Country(
        'DK', 3, 'DKK', 7.5, 'dk', 'Europe/Copenhagen', '+01', 'da',
        'DK########', '+45 ## ## ## ##', '{st} {no}, {pc} {city}',
        [City('København', '1###', ''), City('Aarhus', '8000', ''),
         City('Odense', '5000', ''), City('Aalborg', '9000', ''),
         City('Esbjerg', '6700', ''), City('Randers', '8900', ''),
         City('Kolding', '6000', ''), City('Horsens', '8700', ''),
         City('Vejle', '7100', ''), City('Roskilde', '4000', ''),
         City('Næstved', '4700', ''), City('Sønderborg', '6400', '')],
        ['Vestergade', 'Østergade', 'Strandvejen', 'Industrivej', 'Havnegade',
         'Nørregade', 'Søndergade', 'Åboulevarden', 'Fabriksvej'],
        L('Søren; Mette; Jens; Hanne; Lars; Birgitte; Anders; Lone; Mads; '
          'Sofie; Frederik; Ida; Kasper; Louise; Rasmus; Bodil'),
        L('Jensen; Nielsen; Hansen; Pedersen; Andersen; Christensen; Larsen; '
          'Sørensen; Rasmussen; Jørgensen; Petersen; Madsen; Kristensen; '
          'Olsen; Thomsen; Christiansen; Poulsen; Johansen; Møller; '
          'Mortensen; Østergaard; Kjær; Dahl; Bæk'),
        {'D': L('Maskinfabrik; Transport; Service; Elektro; Byg; Fødevarer; '
                'Energi; Stål; Teknik; Automation; Vind; Emballage'),
         'X': L('A/S; A/S; A/S; ApS; ApS; I/S'),
         'R': L('Nordisk; Dansk; Ørsted; Fyns; Sjællands; Vestjysk; '
                'Øresund; Nordsø; Limfjord; Bornholms')},
        ['{S} {D} {X}', '{S} & {S2} {X}', '{R} {D} {X}', '{D} {C} {X}',
         '{R} {S} {X}', '{S} {D} {C} {X}'],
        titles=('Indkøbschef', 'Direktør', 'Logistikchef'),
        terms=(('Netto 30 dage', 30), ('Løbende måned + 30 dage', 45))),
    Country(
        'NO', 3, 'NOK', 11.5, 'no', 'Europe/Oslo', '+01', 'no',
        'NO#########MVA', '+47 ### ## ###', '{st} {no}, {pc} {city}',
        [City('Oslo', '0###', ''), City('Bergen', '50##', ''),
         City('Trondheim', '70##', ''), City('Stavanger', '40##', ''),
         City('Tromsø', '90##', ''), City('Kristiansand', '46##', ''),
         City('Drammen', '30##', ''), City('Ålesund', '60##', ''),
         City('Bodø', '80##', ''), City('Haugesund', '55##', '')],
        ['Storgata', 'Karl Johans gate', 'Bryggen', 'Industriveien',
         'Havnegata', 'Kongens gate', 'Strandveien', 'Sjøgata'],
        L('Ole; Ingrid; Kari; Per; Solveig; Håkon; Sigrid; Jon; Marit; '
          'Øyvind; Kjersti; Bjørn; Astrid; Tor; Silje'),
        L('Hansen; Johansen; Olsen; Larsen; Andersen; Pedersen; Nilsen; '
          'Kristiansen; Jensen; Karlsen; Johnsen; Pettersen; Eriksen; Berg; '
          'Haugen; Hagen; Johannessen; Andreassen; Jacobsen; Dahl; '
          'Jørgensen; Halvorsen; Lund; Sæther; Bakke; Løvås'),
        {'D': L('Mekaniske Verksted; Offshore; Fisk; Shipping; Elektro; '
                'Bygg; Transport; Energi; Havbruk; Maskin; Subsea; Marine'),
         'X': L('AS; AS; AS; ASA'),
         'R': L('Nordic; Norsk; Vestland; Bergen; Nordland; Fjord; Polar; '
                'Troms; Lofoten; Hardanger')},
        ['{S} {D} {X}', '{R} {D} {X}', '{S} & {S2} {X}', '{D} {C} {X}',
         '{R} {S} {D} {X}'],
        titles=('Innkjøpssjef', 'Daglig leder', 'Driftssjef'),
        terms=(('30 dager netto', 30), ('14 dager netto', 14))),
    Country(
        'FI', 2, 'EUR', 1.0, 'fi', 'Europe/Helsinki', '+02', 'fi',
        'FI########', '+358 {area} #######', '{st} {no}, {pc} {city}',
        [City('Helsinki', '00###', '9'), City('Espoo', '02###', '9'),
         City('Tampere', '33###', '3'), City('Vantaa', '01###', '9'),
         City('Oulu', '90###', '8'), City('Turku', '20###', '2'),
         City('Jyväskylä', '40###', '14'), City('Lahti', '15###', '3'),
         City('Kuopio', '70###', '17'), City('Pori', '28###', '2')],
        ['Mannerheimintie', 'Teollisuuskatu', 'Hämeenkatu',
         'Aleksanterinkatu', 'Satamakatu', 'Kauppakatu', 'Tehtaankatu',
         'Yliopistonkatu'],
        L('Mikko; Aino; Juha; Laura; Jukka; Sanna; Matti; Päivi; Timo; '
          'Tiina; Antti; Hanna; Ville; Elina; Jari'),
        L('Korhonen; Virtanen; Mäkinen; Nieminen; Mäkelä; Hämäläinen; Laine; '
          'Heikkinen; Koskinen; Järvinen; Lehtonen; Lehtinen; Saarinen; '
          'Salminen; Heinonen; Niemi; Heikkilä; Kinnunen; Salonen; Turunen'),
        {'D': L('Konepaja; Logistiikka; Sähkö; Rakennus; Metalli; Puu; '
                'Elintarvike; Kuljetus; Teknologia; Paperi; Automaatio'),
         'X': L('Oy; Oy; Oy; Oyj; Ky'),
         'R': L('Suomen; Pohjolan; Lapin; Itä-Suomen; Länsi-Suomen; '
                'Keski-Suomen; Nordic; Arctic; Saimaan')},
        ['{S} {D} {X}', '{R} {D} {X}', '{D} {S} {X}', '{C}n {D} {X}',
         '{R} {S} {X}', '{S} & {S2} {X}', '{S} {D} {C} {X}'],
        titles=('Hankintapäällikkö', 'Toimitusjohtaja', 'Logistiikkapäällikkö'),
        terms=(('14 päivää netto', 14), ('30 päivää netto', 30))),
    Country(
        'NL', 4, 'EUR', 1.0, 'nl', 'Europe/Amsterdam', '+01', 'nl',
        'NL#########B01', '+31 {area} #######', '{st} {no}, {pc} {city}',
        [City('Amsterdam', '10## @@', '20'), City('Rotterdam', '30## @@', '10'),
         City('Den Haag', '25## @@', '70'), City('Utrecht', '35## @@', '30'),
         City('Eindhoven', '56## @@', '40'), City('Groningen', '97## @@', '50'),
         City('Tilburg', '50## @@', '13'), City('Almere', '13## @@', '36'),
         City('Breda', '48## @@', '76'), City('Nijmegen', '65## @@', '24'),
         City('Enschede', '75## @@', '53'), City('Venlo', '59## @@', '77')],
        ['Keizersgracht', 'Coolsingel', 'Stationsweg', 'Industrieweg',
         'Havenstraat', 'Kerkstraat', 'Dorpsstraat', 'Marktplein',
         'Nieuwe Binnenweg'],
        L('Jan; Sanne; Pieter; Femke; Daan; Lotte; Bram; Anouk; Joost; '
          'Marieke; Sven; Eva; Ruud; Ilse; Thijs; Ijsbrand'),
        L('de Jong; Jansen; de Vries; van den Berg; van Dijk; Bakker; '
          'Janssen; Visser; Smit; Meijer; de Boer; Mulder; de Groot; Bos; '
          'Vos; Peters; Hendriks; van Leeuwen; Dekker; Brouwer; de Wit; '
          'Dijkstra; Smits; de Graaf; van der Meer; van \'t Hof'),
        {'D': L('Techniek; Logistiek; Installatietechniek; Metaalbewerking; '
                'Transport; Bouw; Verpakkingen; Kunststoffen; Machinebouw; '
                'Voedingsmiddelen; Handel; Elektrotechniek'),
         'X': L('B.V.; B.V.; B.V.; B.V.; N.V.; Holding B.V.'),
         'R': L('Holland; Brabant; Rijnmond; Noord; Zeeland; Twente; Delta; '
                'Amstel; Limburg; Veluwe')},
        ['{S} {D} {X}', '{S} & {S2} {X}', '{R} {D} {X}', '{D} {C} {X}',
         '{S} {R} {D} {X}', '{S} & Zonen {X}', '{S} & {S2} {D} {X}'],
        titles=('Inkoopmanager', 'Directeur', 'Hoofd logistiek'),
        terms=EN_TERMS),
    Country(
        'FR', 7, 'EUR', 1.0, 'fr', 'Europe/Paris', '+01', 'fr',
        'FR###########', '+33 {area} ## ## ## ##', '{no} {st}, {pc} {city}',
        [City('Paris', '750##', '1'), City('Lyon', '6900#', '4'),
         City('Marseille', '130##', '4'), City('Toulouse', '310##', '5'),
         City('Nice', '060##', '4'), City('Nantes', '440##', '2'),
         City('Strasbourg', '670##', '3'), City('Montpellier', '340##', '4'),
         City('Bordeaux', '330##', '5'), City('Lille', '590##', '3'),
         City('Rennes', '350##', '2'), City('Grenoble', '380##', '4'),
         City('Clermont-Ferrand', '630##', '4'),
         City('Saint-Étienne', '420##', '4')],
        ['rue de la République', 'rue Victor Hugo', 'boulevard Haussmann',
         'rue du Général Leclerc', 'avenue Jean Jaurès',
         'rue de l\'Industrie', 'chemin des Prés', 'rue Pasteur',
         'place de la Gare', 'quai Saint-Antoine', 'allée des Tilleuls'],
        L('Jean; Marie; Pierre; Camille; Nicolas; Élodie; François; Chloé; '
          'Stéphane; Amélie; Julien; Céline; Jérôme; Inès; Benoît; Hélène; '
          'Anne-Sophie; Jean-Marc'),
        L('Martin; Bernard; Dubois; Thomas; Robert; Richard; Petit; Durand; '
          'Leroy; Moreau; Simon; Laurent; Lefèvre; Michel; Garcia; David; '
          'Bertrand; Roux; Vincent; Fournier; Morel; Girard; André; '
          'Lefebvre; Mercier; Dupont; Lambert; Bonnet; François; Martinez; '
          'N\'Diaye; Perrault'),
        {'D': L('Industrie; Logistique; Mécanique; Électricité; Transports; '
                'Emballages; Bâtiment; Agroalimentaire; Chaudronnerie; '
                'Équipements; Distribution; Technologies'),
         'X': L('SA; SAS; SAS; SAS; SARL; SARL; SNC'),
         'A': L('Lyonnaise; Parisienne; Bretonne; Normande; Alsacienne; '
                'Marseillaise; Bordelaise; Lilloise; Toulousaine; Nantaise; '
                'Savoyarde; Provençale; Générale; Nationale; Industrielle; '
                'Dauphinoise'),
         'E': L('de Mécanique; d\'Emballage; des Transports; '
                'de Chaudronnerie; d\'Électricité; de Logistique; '
                'des Métaux; de Distribution; de Travaux Publics; '
                'd\'Équipements; de Fonderie; de Plasturgie')},
        ['{S} {D} {X}', '{S} & {S2} {X}', 'Société {A} {E} {X}',
         'Établissements {S} et Fils {X}', 'Groupe {S} {D} {X}',
         '{D} {S} {C} {X}', 'Société {A}', '{S} & {S2} {D} {X}'],
        titles=('Direction des achats', 'Responsable logistique',
                'Direction générale', 'Service achats',
                'Responsable maintenance', 'Direction technique'),
        terms=(('30 jours fin de mois', 45), ('45 jours date de facture', 45),
               ('60 jours net', 60), ('paiement à réception', 0))),
    Country(
        'ES', 5, 'EUR', 1.0, 'es', 'Europe/Madrid', '+01', 'es',
        'ESB########', '+34 {area} ### ###', '{st}, {no}, {pc} {city}',
        [City('Madrid', '280##', '91'), City('Barcelona', '080##', '93'),
         City('Valencia', '460##', '96'), City('Sevilla', '410##', '954'),
         City('Zaragoza', '500##', '976'), City('Málaga', '290##', '952'),
         City('Bilbao', '480##', '94'), City('Alicante', '030##', '965'),
         City('Valladolid', '470##', '983'), City('Vigo', '362##', '986'),
         City('A Coruña', '150##', '981'), City('Murcia', '300##', '968'),
         City('Logroño', '260##', '941')],
        ['Calle Mayor', 'Avenida de la Constitución', 'Calle de Alcalá',
         'Passeig de Gràcia', 'Calle del Sol',
         'Polígono Industrial Las Atalayas', 'Gran Vía',
         'Avenida de Andalucía', 'Calle San Vicente Mártir'],
        L('José; María; Antonio; Carmen; Javier; Lucía; Manuel; Pilar; '
          'Álvaro; Nuria; Sergio; Begoña; Íñigo; Marta; Raúl; Ainhoa'),
        L('García; Rodríguez; González; Fernández; López; Martínez; Sánchez; '
          'Pérez; Gómez; Martín; Jiménez; Ruiz; Hernández; Díaz; Moreno; '
          'Muñoz; Álvarez; Romero; Alonso; Gutiérrez; Navarro; Torres; '
          'Domínguez; Vázquez; Ramos; Gil; Ramírez; Serrano; Blanco; Suárez; '
          'Etxeberria; Ibáñez'),
        {'D': L('Industrial; Logística; Ingeniería; Transportes; '
                'Construcciones; Alimentación; Metalúrgica; Suministros; '
                'Maquinaria; Energía; Distribuciones; Componentes'),
         'X': L('S.A.; S.L.; S.L.; S.L.; S.L.U.'),
         'R': L('Norte; Sur; Levante; Cantábrico; Mediterráneo; Atlántico; '
                'Ebro; Duero; Guadalquivir; Tajo')},
        ['{D} {S} {X}', '{S} y {S2} {X}', '{D} del {R} {X}',
         'Hermanos {S} {X}', '{D} {C} {X}', '{D} {S} {S2} {X}'],
        person='{F} {L} {L2}',
        titles=('Dirección de compras', 'Responsable de logística',
                'Gerente', 'Responsable de mantenimiento'),
        terms=(('30 días netos', 30), ('60 días fecha factura', 60),
               ('90 días', 90))),
    Country(
        'IT', 6, 'EUR', 1.0, 'it', 'Europe/Rome', '+01', 'it',
        'IT###########', '+39 {area} #######', '{st} {no}, {pc} {city}',
        [City('Milano', '201##', '02'), City('Roma', '001##', '06'),
         City('Torino', '101##', '011'), City('Napoli', '801##', '081'),
         City('Bologna', '401##', '051'), City('Firenze', '501##', '055'),
         City('Genova', '161##', '010'), City('Verona', '371##', '045'),
         City('Padova', '351##', '049'), City('Brescia', '251##', '030'),
         City('Bergamo', '241##', '035'), City('Bari', '701##', '080'),
         City('Modena', '411##', '059')],
        ['Via Roma', 'Via Garibaldi', 'Corso Italia', 'Via dell\'Industria',
         'Viale Europa', 'Via Mazzini', 'Piazza del Duomo', 'Via Cavour',
         'Via dei Mille', 'Via Emilia Est'],
        L('Giuseppe; Maria; Marco; Giulia; Luca; Francesca; Alessandro; '
          'Chiara; Andrea; Elena; Matteo; Federica; Niccolò; Ilaria; '
          'Lorenzo; Gianluca'),
        L('Rossi; Russo; Ferrari; Esposito; Bianchi; Romano; Colombo; Ricci; '
          'Marino; Greco; Bruno; Gallo; Conti; De Luca; Mancini; Costa; '
          'Giordano; Rizzo; Lombardi; Moretti; Barbieri; Fontana; Santoro; '
          'Mariani; Rinaldi; Caruso; Ferrara; Galli; Martini; Leone; '
          'D\'Angelo; Sabatini'),
        {'D': L('Meccanica; Logistica; Impianti; Trasporti; Costruzioni; '
                'Alimentari; Elettronica; Acciai; Plastica; Tessile; '
                'Ceramiche; Automazione'),
         'X': L('S.p.A.; S.r.l.; S.r.l.; S.r.l.; S.n.c.; S.a.s.'),
         'R': L('Lombarda; Veneta; Emiliana; Toscana; Piemontese; Adriatica; '
                'Tirrenica; Padana; Sarda; Siciliana')},
        ['{D} {S} {X}', '{S} & {S2} {X}', '{S} {D} {X}',
         'Fratelli {S} {X}', '{D} {R} {X}', '{D} {S} {C} {X}',
         '{S} {R} {D} {X}'],
        titles=('Responsabile acquisti', 'Direttore generale',
                'Responsabile logistica', 'Amministratore delegato'),
        terms=(('30 gg d.f.f.m.', 45), ('60 gg data fattura', 60),
               ('Ri.Ba. 90 gg', 90))),
    Country(
        'PT', 2, 'EUR', 1.0, 'pt', 'Europe/Lisbon', '+00', 'pt',
        'PT#########', '+351 {area} ### ###', '{st} {no}, {pc} {city}',
        [City('Lisboa', '1###-###', '21'), City('Porto', '4###-###', '22'),
         City('Braga', '47##-###', '253'), City('Coimbra', '30##-###', '239'),
         City('Aveiro', '38##-###', '234'), City('Faro', '80##-###', '289'),
         City('Leiria', '24##-###', '244'),
         City('Setúbal', '29##-###', '265'),
         City('Guimarães', '48##-###', '253')],
        ['Rua Augusta', 'Avenida da Liberdade', 'Rua de Santa Catarina',
         'Rua do Comércio', 'Avenida da República', 'Rua da Indústria',
         'Zona Industrial, Lote'],
        L('João; Maria; Pedro; Ana; Tiago; Inês; Rui; Sofia; Gonçalo; '
          'Beatriz; Luís; Margarida; Conceição'),
        L('Silva; Santos; Ferreira; Pereira; Oliveira; Costa; Rodrigues; '
          'Martins; Jesus; Sousa; Fernandes; Gonçalves; Gomes; Lopes; '
          'Marques; Alves; Almeida; Ribeiro; Pinto; Carvalho; Magalhães'),
        {'D': L('Metalomecânica; Transportes; Logística; Construções; '
                'Cerâmica; Têxteis; Cortiça; Alimentar; Engenharia; '
                'Componentes'),
         'X': L('Lda.; Lda.; Lda.; S.A.; Unipessoal Lda.'),
         'R': L('Norte; Minho; Douro; Algarve; Alentejo; Tejo; Centro; '
                'Atlântico')},
        ['{S} & {S2} {X}', '{D} {S} {X}', '{S} {D} {X}', '{D} do {R} {X}',
         '{D} {S} {C} {X}'],
        titles=('Diretor de compras', 'Gerente', 'Responsável logístico'),
        terms=(('30 dias', 30), ('60 dias', 60))),
    Country(
        'PL', 5, 'PLN', 4.3, 'pl', 'Europe/Warsaw', '+01', 'pl',
        'PL##########', '+48 {area} ### ## ##', '{st} {no}, {pc} {city}',
        [City('Warszawa', '00-###', '22'), City('Kraków', '30-###', '12'),
         City('Łódź', '90-###', '42'), City('Wrocław', '50-###', '71'),
         City('Poznań', '60-###', '61'), City('Gdańsk', '80-###', '58'),
         City('Szczecin', '70-###', '91'), City('Bydgoszcz', '85-###', '52'),
         City('Lublin', '20-###', '81'), City('Katowice', '40-###', '32'),
         City('Białystok', '15-###', '85'), City('Gdynia', '81-###', '58'),
         City('Rzeszów', '35-###', '17')],
        ['ul. Marszałkowska', 'ul. Piotrkowska', 'ul. Długa',
         'ul. Przemysłowa', 'ul. Mickiewicza', 'al. Jerozolimskie',
         'ul. Kościuszki', 'ul. Słowackiego', 'ul. Żeromskiego'],
        L('Piotr; Anna*; Krzysztof; Małgorzata*; Tomasz; Agnieszka*; Łukasz; '
          'Katarzyna*; Paweł; Joanna*; Michał; Ewa*; Grzegorz; Zofia*; '
          'Wojciech; Jadwiga*'),
        L('Nowak; Kowalski; Wiśniewski; Wójcik; Kowalczyk; Kamiński; '
          'Lewandowski; Zieliński; Szymański; Woźniak; Dąbrowski; '
          'Kozłowski; Jankowski; Mazur; Kwiatkowski; Krawczyk; Piotrowski; '
          'Grabowski; Nowakowski; Pawłowski; Michalski; Król; Wieczorek; '
          'Jabłoński; Wróbel; Żak; Sobczak'),
        {'D': L('Logistics; Transport; Budownictwo; Metal; Elektro; Maszyny; '
                'Spedycja; Opakowania; Mechanika; Stal; Meble; Trans'),
         'X': L('Sp. z o.o.; Sp. z o.o.; Sp. z o.o.; Sp. z o.o.; S.A.; '
                'sp.k.'),
         'R': L('Polska; Mazowsze; Śląsk; Pomorze; Wielkopolska; Małopolska; '
                'Bałtyk; Karpaty')},
        ['{C} {D} {X}', '{S} {D} {X}', 'PHU {S} {X}', '{R} {D} {X}',
         '{S}-{D} {C} {X}', '{S} i {S2} {D} {X}'],
        titles=('Kierownik zakupów', 'Prezes zarządu', 'Dyrektor logistyki',
                'Specjalista ds. zaopatrzenia'),
        terms=(('30 dni', 30), ('przelew 14 dni', 14), ('60 dni', 60)),
        female_surname=_pl_female),
    Country(
        'CZ', 2, 'CZK', 25.0, 'cz', 'Europe/Prague', '+01', 'cs',
        'CZ########', '+420 ### ### ###', '{st} {no}, {pc} {city}',
        [City('Praha', '1## ##', ''), City('Brno', '6## ##', ''),
         City('Ostrava', '7## ##', ''), City('Plzeň', '3## ##', ''),
         City('Liberec', '46# ##', ''), City('Olomouc', '77# ##', ''),
         City('České Budějovice', '37# ##', ''),
         City('Hradec Králové', '50# ##', ''),
         City('Pardubice', '53# ##', ''), City('Zlín', '76# ##', '')],
        ['Václavské náměstí', 'Národní', 'Průmyslová', 'Hlavní', 'Nádražní',
         'Masarykova', 'Husova', 'Palackého'],
        L('Jan; Jana*; Petr; Petra*; Tomáš; Lucie*; Martin; Tereza*; Jiří; '
          'Eva*; Pavel; Hana*; Lukáš; Kateřina*'),
        L('Novák; Svoboda; Novotný; Dvořák; Černý; Procházka; Kučera; Veselý; '
          'Horák; Marek; Pospíšil; Hájek; Jelínek; Král; Růžička; Beneš; '
          'Fiala; Sedláček; Doležal; Zeman'),
        {'D': L('Strojírny; Logistika; Stavby; Elektro; Doprava; Slévárna; '
                'Kovo; Plasty; Technika; Potraviny; Sklo'),
         'X': L('s.r.o.; s.r.o.; s.r.o.; s.r.o.; a.s.; v.o.s.')},
        ['{S} {D} {X}', '{D} {C} {X}', '{S} & {S2} {X}', '{D} {S} {C} {X}'],
        titles=('Vedoucí nákupu', 'Jednatel', 'Ředitel výroby'),
        terms=(('splatnost 30 dní', 30), ('splatnost 14 dní', 14)),
        female_surname=_cz_female),
    Country(
        'TR', 3, 'TRY', 35.0, 'com.tr', 'Europe/Istanbul', '+03', 'tr',
        '##########', '+90 {area} ### ## ##', '{st} No: {no}, {pc} {city}',
        [City('İstanbul=Istanbul', '34###', '212'),
         City('Ankara', '06###', '312'), City('İzmir=Izmir', '35###', '232'),
         City('Bursa', '16###', '224'), City('Antalya', '07###', '242'),
         City('Konya', '42###', '332'), City('Gaziantep', '27###', '342'),
         City('Kocaeli', '41###', '262'), City('Kayseri', '38###', '352'),
         City('Adana', '01###', '322'), City('Mersin', '33###', '324'),
         City('Eskişehir', '26###', '222'), City('Denizli', '20###', '258')],
        ['Atatürk Caddesi', 'İstiklal Caddesi', 'Cumhuriyet Caddesi',
         'Organize Sanayi Bölgesi 3. Cadde', 'Bağdat Caddesi',
         'Gazi Bulvarı', 'İnönü Caddesi'],
        L('Mehmet; Ayşe; Mustafa; Fatma; Ahmet; Zeynep; Emre; Elif; Burak; '
          'Özge; Can; Şeyma; Hakan; Gül; İbrahim=Ibrahim'),
        L('Yılmaz; Kaya; Demir; Şahin; Çelik; Yıldız; Yıldırım; Öztürk; '
          'Aydın; Özdemir; Arslan; Doğan; Kılıç; Aslan; Çetin; Kara; Koç; '
          'Kurt; Özkan; Şimşek; Polat; Güneş; Aksoy; Korkmaz'),
        {'D': L('Makine; Lojistik; İnşaat; Tekstil; Gıda; Otomotiv; Elektrik; '
                'Plastik; Metal; Kimya; Mobilya; Enerji'),
         'X': L('A.Ş.; A.Ş.; Ltd. Şti.; Ltd. Şti.; Ltd. Şti.; '
                'Sanayi ve Ticaret A.Ş.; San. ve Tic. Ltd. Şti.'),
         'R': L('Anadolu; Ege; Marmara; Karadeniz; Akdeniz; Boğaziçi; Toros; '
                'Kapadokya')},
        ['{S} {D} {X}', '{R} {D} {X}', '{C} {D} {X}', '{S} {R} {D} {X}',
         '{S} & {S2} {D} {X}'],
        titles=('Satın Alma Müdürü', 'Genel Müdür', 'Lojistik Sorumlusu'),
        terms=(('30 gün vadeli', 30), ('60 gün vadeli', 60),
               ('peşin', 0))),
    Country(
        'GR', 2, 'EUR', 1.0, 'gr', 'Europe/Athens', '+02', 'el',
        'EL#########', '+30 {area} #######', '{st} {no}, {pc} {city}',
        [City('Αθήνα=Athens', '1## ##', '21'),
         City('Θεσσαλονίκη=Thessaloniki', '5## ##', '231'),
         City('Πειραιάς=Piraeus', '18# ##', '21'),
         City('Πάτρα=Patras', '26# ##', '261'),
         City('Ηράκλειο=Heraklion', '71# ##', '281'),
         City('Λάρισα=Larissa', '41# ##', '241'),
         City('Βόλος=Volos', '38# ##', '2421'),
         City('Ιωάννινα=Ioannina', '45# ##', '2651')],
        ['Λεωφόρος Κηφισίας', 'Οδός Ερμού', 'Λεωφόρος Συγγρού',
         'Οδός Εγνατίας', 'Οδός Τσιμισκή', 'Λεωφόρος Βουλιαγμένης',
         'Akti Miaouli'],
        L('Γιώργος=Giorgos; Μαρία=Maria; Νίκος=Nikos; Ελένη=Eleni; '
          'Δημήτρης=Dimitris; Κατερίνα=Katerina; Γιάννης=Giannis; '
          'Σοφία=Sofia; Κώστας=Kostas; Αναστασία=Anastasia'),
        L('Παπαδόπουλος=Papadopoulos; Γεωργίου=Georgiou; '
          'Οικονόμου=Oikonomou; Νικολάου=Nikolaou; Παπαδάκης=Papadakis; '
          'Βασιλείου=Vasileiou; Αθανασίου=Athanasiou; Ιωάννου=Ioannou; '
          'Κωνσταντίνου=Konstantinou; Δημητρίου=Dimitriou; '
          'Καραγιάννης=Karagiannis; Μαυρίδης=Mavridis; Αντωνίου=Antoniou; '
          'Πετρίδης=Petridis; Χριστοδούλου=Christodoulou; '
          'Αλεξίου=Alexiou; Λαμπράκης=Lamprakis; '
          'Σταθόπουλος=Stathopoulos'),
        {'D': L('Τεχνική=Techniki; Εμπορική=Emporiki; '
                'Βιομηχανία=Viomichania; Ναυτιλιακή=Naftiliaki; '
                'Τρόφιμα=Trofima; Κατασκευές=Kataskeves; '
                'Μεταφορές=Metafores; Ενέργεια=Energeia'),
         'X': L('Α.Ε.=AE; Α.Ε.=AE; Ε.Π.Ε.=EPE; Ι.Κ.Ε.=IKE; Ο.Ε.=OE'),
         'RL': L('Aegean; Hellenic; Olympic; Attica; Ionian; Macedonian; '
                 'Cretan; Aeolos; Poseidon; Delta'),
         'DL': L('Logistics; Shipping; Foods; Trading; Energy; Technical; '
                 'Marine; Pharma; Metals; Constructions'),
         'XL': L('S.A.; S.A.; Ltd.; Maritime S.A.')},
        ['{S} {D} {X}', '{RL} {DL} {XL}', '{S} & {S2} {X}',
         '{RL} {DL} {C_r} {XL}', '{S} {DL} {XL}', '{S} {S2} {D} {X}'],
        titles=('Διευθυντής Προμηθειών', 'Γενικός Διευθυντής',
                'Purchasing Manager'),
        terms=EN_TERMS),
    Country(
        'GB', 8, 'GBP', 0.85, 'co.uk', 'Europe/London', '+00', 'en',
        'GB#########', '+44 {area} #### ####', '{no} {st}, {city} {pc}',
        [City('London', 'EC# #@@', '20'), City('Manchester', 'M# #@@', '161'),
         City('Birmingham', 'B# #@@', '121'), City('Leeds', 'LS# #@@', '113'),
         City('Glasgow', 'G# #@@', '141'), City('Bristol', 'BS# #@@', '117'),
         City('Sheffield', 'S# #@@', '114'),
         City('Liverpool', 'L# #@@', '151'),
         City('Edinburgh', 'EH# #@@', '131'),
         City('Cardiff', 'CF## #@@', '29'),
         City('Newcastle upon Tyne', 'NE# #@@', '191'),
         City('Nottingham', 'NG# #@@', '115'),
         City('Belfast', 'BT# #@@', '28')],
        ['High Street', 'Station Road', 'Church Lane', 'Mill Road',
         'Park Avenue', 'Victoria Street', 'Queen\'s Road', 'King Street',
         'Riverside Way', 'Trafford Park Road'],
        L('Oliver; Amelia; James; Charlotte; Harry; Emily; George; Sophie; '
          'William; Jessica; Thomas; Siobhan; Rhys; Niamh; Callum; Priya'),
        L('Smith; Jones; Taylor; Brown; Williams; Wilson; Johnson; Davies; '
          'Robinson; Wright; Thompson; Evans; Walker; White; Roberts; Green; '
          'Hall; Wood; Jackson; Clarke; Hughes; Edwards; Turner; Hill; '
          'Cooper; O\'Brien; McDonald; Fletcher; Ashworth; Pemberton; Patel'),
        {'D': L('Engineering; Logistics; Fabrications; Components; Packaging; '
                'Foods; Electrical; Plastics; Precision; Hydraulics; '
                'Distribution; Instruments'),
         'X': L('Ltd; Ltd; Ltd; Ltd; plc; LLP'),
         'R': L('Northern; Midland; Pennine; Thames; Severn; Caledonian; '
                'Anglian; Cotswold; Humber; Mersey; Solent; Highland')},
        ['{S} {D} {X}', '{S} & {S2} {X}', '{S} & Sons {X}', '{R} {D} {X}',
         '{C} {D} {X}', '{S} {R} {D} {X}', '{S} & {S2} {D} {X}'],
        titles=(), terms=EN_TERMS),
    Country(
        'US', 9, 'USD', 1.1, 'com', 'America/New_York', '-05', 'en',
        '##-#######', '+1 {area} ###-####', '{no} {st}, {city}, {state} {pc}',
        [City('New York', '100##', '212', state='NY'),
         City('Chicago', '606##', '312', state='IL', tz='America/Chicago',
              off='-06'),
         City('Houston', '770##', '713', state='TX', tz='America/Chicago',
              off='-06'),
         City('Los Angeles', '900##', '213', state='CA',
              tz='America/Los_Angeles', off='-08'),
         City('Seattle', '981##', '206', state='WA',
              tz='America/Los_Angeles', off='-08'),
         City('Boston', '021##', '617', state='MA'),
         City('Atlanta', '303##', '404', state='GA'),
         City('Detroit', '482##', '313', state='MI', tz='America/Detroit'),
         City('Denver', '802##', '303', state='CO', tz='America/Denver',
              off='-07'),
         City('Phoenix', '850##', '602', state='AZ', tz='America/Phoenix',
              off='-07'),
         City('Pittsburgh', '152##', '412', state='PA'),
         City('Charlotte', '282##', '704', state='NC'),
         City('Minneapolis', '554##', '612', state='MN',
              tz='America/Chicago', off='-06'),
         City('Dallas', '752##', '214', state='TX', tz='America/Chicago',
              off='-06')],
        ['Main Street', 'Oak Avenue', 'Industrial Parkway', 'Commerce Drive',
         'Market Street', 'Elm Street', '5th Avenue', 'Lakeshore Drive',
         'Maple Road', 'Technology Way'],
        L('Michael; Jennifer; David; Jessica; Robert; Ashley; Christopher; '
          'Emily; Daniel; Sarah; Matthew; María; José; Aisha; Kevin; DeShawn'),
        L('Smith; Johnson; Williams; Brown; Jones; Miller; Davis; Wilson; '
          'Anderson; Taylor; Thomas; Moore; Martin; Jackson; Thompson; '
          'White; Harris; Clark; Lewis; Robinson; Walker; Young; Allen; King; '
          'Wright; Hernandez; Nguyen; Kowalski; O\'Connor; Goldberg'),
        {'D': L('Manufacturing; Logistics; Industries; Supply; Technologies; '
                'Systems; Foods; Components; Machine Works; Distribution; '
                'Controls; Fabrication'),
         'X': L('Inc.; Inc.; Inc.; LLC; LLC; Corp.; Co.'),
         'R': L('American; Pacific; Atlantic; Great Lakes; Midwest; '
                'Lone Star; Golden State; Keystone; Empire; Liberty; '
                'Rocky Mountain; Gulf Coast; Bay Area; Tri-State')},
        ['{S} {D} {X}', '{S} & {S2} {X}', '{R} {D} {X}', '{C} {D} {X}',
         '{S} {R} {D} {X}', '{S} & {S2} {D} {X}'],
        titles=(), terms=US_TERMS),
    Country(
        'JP', 5, 'JPY', 160.0, 'co.jp', 'Asia/Tokyo', '+09', 'ja',
        'T#############', '+81 {area} ####-####',
        '〒{pc} {pref}{st}{no}-{n2}-{n3}',
        [City('東京=Tokyo', '1##-####', '3', pref='東京都千代田区'),
         City('大阪=Osaka', '530-####', '6', pref='大阪府大阪市北区'),
         City('名古屋=Nagoya', '460-####', '52', pref='愛知県名古屋市中区'),
         City('横浜=Yokohama', '220-####', '45', pref='神奈川県横浜市西区'),
         City('神戸=Kobe', '650-####', '78', pref='兵庫県神戸市中央区'),
         City('京都=Kyoto', '600-####', '75', pref='京都府京都市下京区'),
         City('札幌=Sapporo', '060-####', '11', pref='北海道札幌市中央区'),
         City('福岡=Fukuoka', '812-####', '92', pref='福岡県福岡市博多区'),
         City('広島=Hiroshima', '730-####', '82', pref='広島県広島市中区'),
         City('仙台=Sendai', '980-####', '22', pref='宮城県仙台市青葉区')],
        ['本町', '栄町', '中央', '旭町', '錦', '大手町', '丸の内', '港町',
         '緑町', '幸町'],
        L('太郎=Taro; 花子=Hanako; 健一=Kenichi; 美咲=Misaki; 翔太=Shota; '
          '陽子=Yoko; 大輔=Daisuke; 由美=Yumi; 直樹=Naoki; 恵=Megumi; '
          '拓也=Takuya; 彩=Aya; 誠=Makoto; 愛=Ai; 浩二=Koji'),
        L('山田=Yamada; 佐藤=Sato; 鈴木=Suzuki; 高橋=Takahashi; 田中=Tanaka; '
          '伊藤=Ito; 渡辺=Watanabe; 中村=Nakamura; 小林=Kobayashi; '
          '加藤=Kato; 吉田=Yoshida; 山本=Yamamoto; 松本=Matsumoto; '
          '井上=Inoue; 木村=Kimura; 林=Hayashi; 斎藤=Saito; 清水=Shimizu; '
          '山口=Yamaguchi; 森=Mori; 池田=Ikeda; 橋本=Hashimoto; '
          '石川=Ishikawa; 前田=Maeda; 藤田=Fujita; 岡田=Okada; 後藤=Goto; '
          '長谷川=Hasegawa; 村上=Murakami; 近藤=Kondo'),
        {'D': L('製作所=Seisakusho; 電機=Denki; 工業=Kogyo; 商事=Shoji; '
                '精機=Seiki; 物流=Butsuryu; 化学=Kagaku; 建設=Kensetsu; '
                '食品=Shokuhin; 産業=Sangyo; 技研=Giken; 電子=Denshi; '
                '通商=Tsusho; 印刷=Insatsu; 鉄工所=Tekkosho; 機械=Kikai; '
                '精工=Seiko; 化成=Kasei; 運輸=Unyu; 紙業=Shigyo'),
         'P': L('日本=Nippon; 東洋=Toyo; 大和=Yamato; 三和=Sanwa; '
                '中央=Chuo; 第一=Daiichi; 昭和=Showa; 大成=Taisei; '
                '富士=Fuji; 旭=Asahi; 太平洋=Taiheiyo; 北海=Hokkai; '
                '東亜=Toa; 明治=Meiji; 協和=Kyowa; 新日本=Shin-Nippon; '
                '共栄=Kyoei; 千代田=Chiyoda'),
         'B': L('支社=Branch; 工場=Plant; 営業所=Sales Office')},
        ['株式会社 {S}{D}', '{S}{D}株式会社', '{P}{D}株式会社',
         '株式会社 {P}{D}', '{S_r} {D_r} Co., Ltd.',
         '株式会社 {S}{D} {C}{B}', '{P}{D}株式会社 {C}{B}'],
        person='{L} {F}',
        titles=('購買部長', '営業部 課長', '代表取締役', '品質保証課 主任',
                'General Manager, Procurement'),
        terms=(('月末締め翌月末払い', 45), ('60日手形', 60), ('30 days net', 30)),
        whole_units=True),
    Country(
        'CN', 3, 'CNY', 7.8, 'com.cn', 'Asia/Shanghai', '+08', 'zh',
        '91######MA########', '+86 {area} #### ####',
        '{pref}{st}{no}号 (邮编 {pc})',
        [City('上海=Shanghai', '200###', '21', pref='上海市浦东新区'),
         City('北京=Beijing', '100###', '10', pref='北京市朝阳区'),
         City('深圳=Shenzhen', '518###', '755', pref='广东省深圳市南山区'),
         City('广州=Guangzhou', '510###', '20', pref='广东省广州市天河区'),
         City('苏州=Suzhou', '215###', '512', pref='江苏省苏州市工业园区'),
         City('杭州=Hangzhou', '310###', '571', pref='浙江省杭州市西湖区'),
         City('宁波=Ningbo', '315###', '574', pref='浙江省宁波市鄞州区'),
         City('天津=Tianjin', '300###', '22', pref='天津市滨海新区'),
         City('成都=Chengdu', '610###', '28', pref='四川省成都市高新区'),
         City('青岛=Qingdao', '266###', '532', pref='山东省青岛市黄岛区')],
        ['世纪大道', '南京路', '人民路', '中山路', '解放路', '建设路',
         '科技园路', '长江路'],
        L('伟=Wei; 芳=Fang; 娜=Na; 敏=Min; 静=Jing; 磊=Lei; 强=Qiang; '
          '洋=Yang; 艳=Yan; 杰=Jie; 婷=Ting; 军=Jun; 建国=Jianguo; '
          '晓明=Xiaoming; 思远=Siyuan; 雨桐=Yutong; 子涵=Zihan'),
        L('王=Wang; 李=Li; 张=Zhang; 刘=Liu; 陈=Chen; 杨=Yang; 黄=Huang; '
          '赵=Zhao; 吴=Wu; 周=Zhou; 徐=Xu; 孙=Sun; 马=Ma; 朱=Zhu; 胡=Hu; '
          '郭=Guo; 何=He; 林=Lin; 罗=Luo; 高=Gao'),
        {'P': L('华信=Huaxin; 恒通=Hengtong; 鼎盛=Dingsheng; 宏达=Hongda; '
                '新锐=Xinrui; 金泰=Jintai; 永安=Yongan; 瑞丰=Ruifeng; '
                '中联=Zhonglian; 博远=Boyuan; 天成=Tiancheng; 凯达=Kaida; '
                '东方=Dongfang; 远航=Yuanhang; 嘉禾=Jiahe; 华润丰=Huarunfeng; '
                '联创=Lianchuang; 盛世=Shengshi'),
         'D': L('贸易=Trading; 机械=Machinery; 电子=Electronics; '
                '科技=Technology; 物流=Logistics; 化工=Chemical; '
                '精密=Precision; 包装=Packaging; 食品=Foods; 材料=Materials; '
                '汽车零部件=Auto Parts; 电气=Electric'),
         'X': L('有限公司; 有限公司; 股份有限公司; 集团有限公司')},
        ['{C}{P}{D}{X}', '{C_r} {P_r} {D_r} Co., Ltd.', '{P}{D}{X}',
         '{C}{P}{D}{X}{C2}分公司'],
        person='{L}{F}',
        titles=('采购经理', '总经理', '物流主管', 'Purchasing Director'),
        terms=(('月结60天', 60), ('30 days net', 30), ('T/T in advance', 0))),
    Country(
        'KR', 3, 'KRW', 1450.0, 'co.kr', 'Asia/Seoul', '+09', 'ko',
        '###-##-#####', '+82 {area}-####-####', '{pref} {st} {no} ({pc})',
        [City('서울=Seoul', '06###', '2', pref='서울특별시 강남구'),
         City('부산=Busan', '48###', '51', pref='부산광역시 해운대구'),
         City('인천=Incheon', '21###', '32', pref='인천광역시 연수구'),
         City('대구=Daegu', '41###', '53', pref='대구광역시 중구'),
         City('대전=Daejeon', '34###', '42', pref='대전광역시 유성구'),
         City('광주=Gwangju', '61###', '62', pref='광주광역시 서구'),
         City('울산=Ulsan', '44###', '52', pref='울산광역시 남구'),
         City('수원=Suwon', '16###', '31', pref='경기도 수원시 영통구')],
        ['테헤란로', '세종대로', '중앙로', '해운대로', '산업로', '번영로',
         '월드컵로', '공단로'],
        L('민준=Minjun; 서연=Seoyeon; 지훈=Jihoon; 하은=Haeun; 도윤=Doyoon; '
          '수빈=Subin; 예준=Yejun; 지민=Jimin; 현우=Hyunwoo; 은지=Eunji'),
        L('김=Kim; 이=Lee; 박=Park; 최=Choi; 정=Jung; 강=Kang; 조=Cho; '
          '윤=Yoon; 장=Jang; 임=Lim; 한=Han; 오=Oh; 서=Seo; 신=Shin; '
          '권=Kwon; 황=Hwang; 안=Ahn; 송=Song; 류=Ryu; 홍=Hong'),
        {'P': L('대한=Daehan; 한국=Hankook; 동양=Dongyang; 세원=Sewon; '
                '대성=Daesung; 한일=Hanil; 삼화=Samhwa; 동아=Donga; '
                '신성=Shinsung; 태광=Taekwang; 금호=Kumho; 영진=Youngjin; '
                '미래=Mirae; 우성=Woosung; 성진=Sungjin; 한빛=Hanbit; '
                '푸른=Pureun; 새한=Saehan; 대영=Daeyoung; 한성=Hansung'),
         'D': L('산업=Industrial; 전자=Electronics; 정밀=Precision; '
                '물산=Trading; 화학=Chemical; 기계=Machinery; '
                '건설=Construction; 식품=Foods; 물류=Logistics; 테크=Tech; '
                '제약=Pharm; 소재=Materials; 중공업=Heavy Industries'),
         'B': L('지점=Branch; 공장=Plant')},
        ['{P}{D} 주식회사', '(주){P}{D}', '{P_r} {D_r} Co., Ltd.',
         '{P}{D} {C}{B}', '주식회사 {P}{D}'],
        person='{L}{F}',
        titles=('구매팀장', '대표이사', '물류 담당', 'Procurement Manager'),
        terms=(('월말 마감 30일', 45), ('30 days net', 30)),
        whole_units=True),
]

# The first accounts always show this spread, whatever the seed.
SHOWCASE = ['DE', 'JP', 'SE', 'FR', 'PL', 'US', 'GB', 'ES', 'IT', 'DK',
            'TR', 'GR', 'CN', 'KR']

# --------------------------------------------------------------------------
# Users and teams

SUFFIX_KEYS = ('X', 'XL')

MANAGERS = ['anna', 'bo', 'carla', 'david', 'eva', 'farid']
TEAMS = {'anna': 'north', 'david': 'north', 'bo': 'south', 'eva': 'south',
         'carla': 'west', 'farid': 'west'}

# --------------------------------------------------------------------------
# Text pools (escaped once, here)

INDUSTRIES = ['Automotive', 'Machinery', 'Food & Beverage', 'Chemicals',
              'Retail', 'Logistics', 'Healthcare', 'Energy', 'Construction',
              'Electronics', 'Pharmaceuticals', 'Textiles', 'Aerospace',
              'Agriculture', 'Telecommunications', 'Public sector',
              'Furniture', 'Printing & Packaging', 'Maritime', 'Hospitality',
              'Semiconductors', 'Medical devices']

PRODUCTS = ['pump series P400', 'gear motors', 'spare parts kit',
            'control cabinet', 'sensor line S7', 'hydraulic valves',
            'conveyor belts', 'service contract', 'filter cartridges',
            'laser cutter LC-2', 'packaging line', 'cooling unit',
            'IoT gateway', 'robot gripper', 'bearing assortment',
            'maintenance software', 'compressor K90', 'safety relays',
            'industrial adhesives', 'stainless fittings']

JOB_TITLES = ['Head of Purchasing', 'Purchasing Manager', 'Buyer',
              'Senior Buyer', 'CEO', 'COO', 'CFO', 'Plant Manager',
              'Maintenance Lead', 'Head of Logistics', 'Quality Manager',
              'Technical Director', 'Project Engineer',
              'Accounts Payable Clerk', 'Category Manager',
              'Supply Chain Director', 'Production Planner',
              'IT Procurement Lead', 'Facility Manager', 'Office Manager']

NOTES = [
    'Prefers calls before 10:00 local time.',
    'No deliveries on Fridays.\nGoods receipt closes at 14:00.',
    'Very loyal customer 🙂 – handle with care.',
    'Key reference customer 🚀 for the new product line.',
    'Payment behaviour slipped in the last two quarters ⚠️',
    'Christmas card list: yes 🎄',
    'Uses "framework orders" only; call-offs by EDI.',
    'Parent company decides on budgets above 50,000.',
    'Attention: two sites, invoices go to head office!\nSite B: '
    'deliveries via gate 3.',
    'Coffee meeting at their canteen is a must ☕',
    'Competitor visited them in spring; watch prices.',
    'Visitors need safety shoes and an ID at the gate.',
]

OBJECTIVES = [
    'Grow the service business by 15 %.',
    'Secure the framework agreement for the next three years.',
    'Win the second plant as a customer.\nIntroduce the IoT gateway.',
    'Reduce open complaints to zero; regain trust after the recall.',
    'Cross-sell spare parts and maintenance contracts.',
    'Keep share of wallet above 60 % despite the new competitor.',
    'Move ordering to EDI; cut order handling costs.',
    'Pilot the new product line with two "innovation" projects.',
    'Stabilise volumes; renegotiate the price list in Q3.',
    'Expand into their Asian subsidiaries.',
    'Establish quarterly business reviews with the board.',
    'Recover from payment delays: agree a payment plan.',
]

ACTION_KINDS = ['cross_sell', 'up_sell', 'retention', 'acquisition', 'other']
ACTION_TITLES = {
    'cross_sell': ['Offer {p} as add-on', 'Bundle {p} with the service plan',
                   'Present {p} to the maintenance team'],
    'up_sell': ['Upgrade to the premium {p}', 'Propose a larger {p} contract',
                'Move from Silver to Gold support for the {p}'],
    'retention': ['Renew framework agreement', 'Executive visit before renewal',
                  'Resolve open complaints about the {p}',
                  'Quarterly business review'],
    'acquisition': ['Win the second plant for the {p}',
                    'Tender for the {p}: submit offer',
                    'Introduce us to the new subsidiary'],
    'other': ['Update the contact list', 'Check credit limit with finance',
              'Plan the annual talk', 'Collect reference statement'],
}

COND_KIND_TABLE = (['discount'] * 30 + ['price_list'] * 15 +
                   ['warranty'] * 12 + ['payment_terms'] * 13 +
                   ['rebate'] * 12 + ['free_shipping'] * 10 + ['other'] * 8)
COND_SCOPES = ['all products', 'spare parts', 'service and repairs',
               'pump series P400', 'orders above 5,000', 'consumables',
               'all sites', 'head office only', None, None]

SLA_LEVELS = {
    # name: (first_response, resolution, support_days, from, to, channels)
    'Platinum': ('1 hour', '4 hours', '{1,2,3,4,5,6,7}', None, None,
                 '{phone,email,portal,chat,onsite}'),
    'Gold': ('2 hours', '8 hours', '{1,2,3,4,5,6}', '07:00', '20:00',
             '{phone,email,portal,onsite}'),
    'Silver': ('4 hours', '1 day', '{1,2,3,4,5}', '08:00', '18:00',
               '{phone,email,portal}'),
    'Bronze': ('8 hours', '3 days', '{1,2,3,4,5}', '09:00', '17:00',
               '{email,portal}'),
}
SLA_BY_TIER = {0: ['Platinum', 'Platinum', 'Gold'],     # strategic
               1: ['Gold', 'Gold', 'Silver'],            # key
               2: ['Silver', 'Bronze', 'Bronze']}        # standard
ESCALATIONS = [
    'After 2 hours without answer: service manager on duty, then the '
    'account manager.',
    '1st level hotline -> 2nd level engineering -> head of service.',
    'Escalate by phone, never only by e-mail.',
    'Call the named contact; if unreachable, their deputy (see notes).',
    'Critical outages: call the 24/7 line and write to '
    'escalation@ticket-portal.example.',
    'Escalation meeting within 1 business day; report in writing.',
]
GOODWILL = [
    'Up to 2 hours of remote support free of charge per quarter.',
    'Spare parts under 200 EUR replaced without question.',
    'Travel costs waived for visits within 100 km.',
    'One free on-site visit per year.',
    'Goodwill credits need the account manager\'s approval.',
    'No goodwill beyond the contract.',
    'Loaner unit during repairs longer than 3 days.',
]

CHANNELS = ['call', 'email', 'meeting', 'visit', 'ticket', 'chat']
CH_CALL, CH_EMAIL, CH_MEETING, CH_VISIT, CH_TICKET, CH_CHAT = range(6)
CHANNEL_TABLE = ([CH_EMAIL] * 33 + [CH_CALL] * 25 + [CH_MEETING] * 10 +
                 [CH_VISIT] * 7 + [CH_TICKET] * 15 + [CH_CHAT] * 10)
DIRECTION_TABLES = [
    ['inbound'] * 8 + ['outbound'] * 12,                        # call
    ['inbound'] * 10 + ['outbound'] * 9 + ['internal'] * 1,     # email
    ['outbound'] * 18 + ['internal'] * 2,                       # meeting
    ['outbound'] * 19 + ['internal'] * 1,                       # visit
    ['inbound'] * 18 + ['outbound'] * 2,                        # ticket
    ['inbound'] * 12 + ['outbound'] * 8,                        # chat
]
FEEDBACK_TABLE = ['none'] * 85 + ['compliment'] * 6 + ['idea'] * 5 + \
    ['complaint'] * 4

SUBJECTS = {
    CH_CALL: ['Follow-up on quote for {p}', 'Pricing for {p}',
              'Delivery schedule for {p}', 'Check-in with purchasing',
              'Forecast call: {p}', 'Clarified order details ({p})',
              'Call about framework renewal', 'Reference call for {p}'],
    CH_EMAIL: ['Quote for {p}', 'RE: Quote for {p}', 'Order confirmation: {p}',
               'Datasheet {p}', 'Price increase notice ({p})',
               'AW: Lieferzeit {p}', 'Fwd: Tender documents, {p}',
               'Invoice question regarding {p}',
               'Certificates for {p} (CE, RoHS)'],
    CH_MEETING: ['Quarterly business review', 'Annual talk',
                 'Workshop: {p} roadmap', 'Negotiation: price list',
                 'Kick-off for {p} project', 'Steering committee'],
    CH_VISIT: ['Site visit: {p} installation', 'Plant tour and lunch',
               'Visit with technician ({p})', 'Trade fair meeting',
               'Visit: introduce new colleague'],
    CH_CHAT: ['Quick question on {p}', 'Chat: delivery status',
              'Chat: login to portal', 'Chat: {p} availability'],
}
TICKET_SUBJECTS = ['Error E{n} on {p}', '{p} stops after a few minutes',
                   'Noise from {p}', 'Portal login fails', 'Missing parts in '
                   'delivery ({p})', 'Firmware update for {p} fails',
                   'Request: on-site service for {p}',
                   'Leak at {p}', 'Wrong label on {p}',
                   'Documentation for {p} missing']
FEEDBACK_SUBJECTS = {
    'compliment': ['Thanks for the fast delivery', 'Praise for your '
                   'technician', 'Great support with the {p}',
                   'Very happy with the new portal 👍'],
    'idea': ['Idea: consignment stock on site', 'Suggestion: EDI ordering',
             'Feature request: QR codes on {p} labels',
             'Idea: joint training for the {p}'],
    'complaint': ['Late delivery of {p}', 'Wrong parts delivered',
                  'Invoice amount disputed', 'Repeated failures of the {p}',
                  'Complaint: technician did not show up'],
}
# Feedback's topics (0027_feedback_loop.sql): the curated list, and the
# ones each kind of feedback is most often about.
TOPICS = ['Delivery', 'Quality', 'Service', 'Support', 'Invoicing', 'Price',
          'Ordering', 'Training', 'Portal', 'Spare parts']
TOPICS_BY_KIND = {
    'compliment': [0, 2, 3, 3, 8, 1, 7],
    'idea': [6, 7, 8, 8, 9, 4, 0],
    'complaint': [0, 0, 1, 1, 4, 5, 9, 2, 3],
}
LOCAL_SUBJECTS = {
    'de': ['Angebot für {p}', 'Rückfrage zur Lieferung', 'Jahresgespräch',
           'Reklamation: falsche Teile', 'Termin vor Ort vereinbart',
           'Preiserhöhung zum 1. Januar', 'Wartungsvertrag verlängern'],
    'fr': ['Devis pour {p}', 'Relance: commande en attente',
           'Réunion trimestrielle', 'Réclamation: retard de livraison',
           'Visite du site de production'],
    'es': ['Presupuesto para {p}', 'Reunión anual', 'Consulta sobre el pedido',
           'Reclamación: piezas equivocadas', 'Visita a la planta'],
    'it': ['Offerta per {p}', 'Riunione trimestrale', 'Sollecito consegna',
           'Reclamo: ritardo', 'Visita in stabilimento'],
    'sv': ['Offert på {p}', 'Årligt möte', 'Fråga om leveransen',
           'Reklamation: fel delar', 'Besök på fabriken i Göteborg'],
    'pl': ['Oferta na {p}', 'Spotkanie roczne', 'Pytanie o dostawę',
           'Reklamacja: złe części', 'Wizyta w zakładzie'],
    'ja': ['{p}の見積依頼', '年次面談', '納期の確認', '不具合の報告',
           '工場見学のお礼'],
    'zh': ['{p}报价', '年度会议', '交货期确认', '质量投诉', '工厂参观'],
    'ko': ['{p} 견적 요청', '연간 미팅', '납기 확인', '품질 불만', '공장 방문'],
    'tr': ['{p} için teklif', 'Yıllık görüşme', 'Teslimat sorusu',
           'Şikayet: yanlış parça', 'Fabrika ziyareti'],
    'el': ['Προσφορά για {p}', 'Ετήσια συνάντηση', 'Ερώτηση για παράδοση'],
    'da': ['Tilbud på {p}', 'Årligt møde', 'Spørgsmål om levering'],
    'no': ['Tilbud på {p}', 'Årlig møte', 'Spørsmål om levering'],
    'fi': ['Tarjous: {p}', 'Vuosikokous', 'Kysymys toimituksesta'],
    'nl': ['Offerte voor {p}', 'Jaargesprek', 'Vraag over levering'],
    'pt': ['Orçamento para {p}', 'Reunião anual', 'Questão sobre entrega'],
    'cs': ['Nabídka na {p}', 'Výroční schůzka', 'Dotaz k dodávce'],
}
BODIES = [
    'Customer asked for a revised quote, 5 % below the last one.',
    'Discussed delivery dates for Q3.\nThey need the first batch by week 32.',
    'Talked to purchasing, they will decide next week.',
    'Sent the datasheets and the CE certificate.\nWaiting for feedback.',
    'Meeting notes:\n- volumes stable\n- new plant opens in spring\n'
    '- wants "price protection" for 12 months',
    'He said: "If you can deliver within 2 weeks, the order is yours."',
    'Price list 2025 accepted, effective 1 March; discount stays at 7.5 %.',
    'Complaint about damaged packaging; photos in the shared folder '
    '\\\\fileserver\\kam\\claims\\2024.',
    'Pasted from their e-mail:\nItem\tQty\tPrice\nP400\t12\t1,250.00\n'
    'K90\t2\t8,900.00',
    'Technician on site 3 h; replaced seal, machine runs again ✓',
    'They mentioned a competitor offer (approx. 10 % cheaper).',
    'Agreed on a workshop in their plant, lunch included 🍽️',
    'Follow-up: send the updated contract draft, cc legal.',
    'Quick chat, no action needed.',
    'Budget for next year is frozen until the board meets in November.',
    'Invoice 2024-118 disputed: quantity 10 instead of 12.\r\nCredit note '
    'requested.',
    'Résumé: client satisfait, demande une offre pour l\'entretien.',
    'Kunde wünscht Rückruf – bitte bis Freitag melden.',
    'お客様より見積の再提出を依頼されました。',
    '客户要求在月底前交货。',
    'Müşteri yeni fiyat listesini onayladı.',
    'Zákazník požaduje slevu 3 %.',
    'Reminder: their fiscal year ends in June; orders peak in May.',
    'New contact person in purchasing; old one left the company.',
    'Presented the roadmap; strong interest in the IoT gateway.',
    'Long discussion about payment terms; they want 60 days, we offered 45.',
]
TICKET_BODIES = [
    'Machine reports error, restart did not help.\nSerial no. on the label.',
    'Customer sent photos; seal looks worn out.',
    'Remote session: firmware 2.3.1 -> 2.4.0 failed at 80 %.',
    'Ticket opened by phone; hotline asked for log files.',
    'Spare part shipped by express, tracking number sent.',
    'Resolved by resetting the controller; customer confirmed.',
    'Needs on-site visit; scheduled with the service team.',
    'Label printer prints "?" instead of "ä"; encoding issue on their side.',
]
OUTCOMES = ['Quote requested', 'Order placed', 'Follow-up meeting agreed',
            'Issue resolved', 'Escalated to 2nd level', 'No decision yet',
            'Sample sent', 'Price accepted', 'Lost to competitor',
            'Information sent', 'Waiting for customer', 'Visit scheduled']
CONDITION_TITLES = {
    'discount': ['Volume discount', 'Loyalty discount', 'Project discount',
                 'Framework discount'],
    'price_list': ['Price list {y}-A', 'Customer price list {y}',
                   'Special price list spare parts', 'Price list {y} (EUR)'],
    'warranty': ['Extended warranty', 'Warranty extension on pumps',
                 'Warranty for refurbished units'],
    'payment_terms': ['Extended payment terms', 'Payment terms framework',
                      'Payment terms for projects'],
    'rebate': ['Annual bonus', 'Year-end rebate', 'Growth rebate'],
    'free_shipping': ['Free shipping', 'Free freight above order value',
                      'Free express delivery for breakdowns'],
    'other': ['Consignment stock', 'Priority production slot',
              'Free training day', 'Dedicated hotline'],
}


def pool(templates, fill=PRODUCTS, **kw):
    """Every template with every product, escaped for COPY."""
    out = []
    for t in templates:
        if '{p}' in t or '{n}' in t:
            for k, p in enumerate(fill):
                out.append(esc(t.format(p=p, n=100 + 37 * k, **kw)))
        else:
            out.append(esc(t))
    return out


# --------------------------------------------------------------------------


class Gen:
    def __init__(self, seed, accounts, users, today, erp=None):
        self.seed = seed
        self.erp = ErpSide(erp) if erp else None
        self.n = accounts
        self.today = today
        self.rng = random.Random(seed)
        self.out = sys.stdout.buffer

        self.managers = [m for m in MANAGERS if m in users]
        if not self.managers:
            raise SystemExit('kamgen: --users names none of the managers '
                             + ', '.join(MANAGERS))
        self.mgr_id = [str(users[m]) for m in self.managers]
        self.mgr_team = [TEAMS[m] for m in self.managers]
        nm = len(self.managers)
        self.mates = []
        for k in range(nm):
            mates = [j for j in range(nm)
                     if j != k and self.mgr_team[j] == self.mgr_team[k]]
            self.mates.append(mates or [k])
        self.support_id = str(users['sam']) if 'sam' in users else None

        # day strings: DAY[T + d] is today + d days
        self.back = 1500
        span = self.back + 800
        first = today - datetime.timedelta(days=self.back)
        self.DAY = [(first + datetime.timedelta(days=k)).isoformat()
                    for k in range(span)]
        self.T = self.back
        y = today.year
        self.year = y
        self.y0 = self.T - (today - datetime.date(y, 1, 1)).days
        self.y1 = self.T + (datetime.date(y, 12, 31) - today).days
        self.ly0 = self.T - (today - datetime.date(y - 1, 1, 1)).days
        self.ly1 = self.y0 - 1

        # times of day per UTC offset
        offs = sorted({c.off for co in COUNTRIES for c in co.cities})
        self.work_times = {o: ['%02d:%02d:00%s' % (h, m, o)
                               for h in range(7, 19) for m in range(60)]
                           for o in offs}
        self.any_times = {o: ['%02d:%02d:00%s' % (h, m, o)
                              for h in range(24) for m in range(0, 60, 3)]
                          for o in offs}
        self.sync_times = ['%02d:%02d:%02d+00' % (h, m, s)
                           for h in (1, 2, 3, 4) for m in range(0, 60, 7)
                           for s in (0, 13, 31, 47)]

        # per-country tables
        self.weights = []
        for ci, co in enumerate(COUNTRIES):
            self.weights += [ci] * co.weight
            co.index = ci
            co.slots = self._slots(co)
            co.space = sum(sz for _, _, sz in co.slots)
            co.step = self._coprime_step(co.space)
            co.people = self._people(co)
            co.titles_esc = [esc(t) for t in co.titles]
            co.subjects = pool(LOCAL_SUBJECTS.get(co.lang, []))
        self.code_index = {co.code: co.index for co in COUNTRIES}

        self.subjects = [pool(SUBJECTS[c]) if c in SUBJECTS else None
                         for c in range(6)]
        self.ticket_subjects = pool(TICKET_SUBJECTS)
        self.fb_subjects = {k: pool(v) for k, v in FEEDBACK_SUBJECTS.items()}
        self.bodies = [esc(b) for b in BODIES]
        self.ticket_bodies = [esc(b) for b in TICKET_BODIES]
        self.outcomes = [esc(o) for o in OUTCOMES]
        self.job_titles = [esc(t) for t in JOB_TITLES]

        # per-account attributes kept across tables (small)
        n = accounts
        self.a_country = bytearray(n)
        self.a_owner = bytearray(n)
        self.a_tier = bytearray(n)
        self.a_ncontacts = bytearray(n)
        self.a_city = bytearray(n)
        self.a_terms = bytearray(n)
        self.a_has_last = bytearray(n)
        self.a_domain = [None] * n

    # -- helpers -----------------------------------------------------------

    @staticmethod
    def _coprime_step(m):
        p = max(1, int(m * 0.6180339887))
        while math.gcd(p, m) != 1:
            p += 1
        return p

    @staticmethod
    def _slots(co):
        """Patterns with their slots: [(fmt, [(slot, key, n)], size)].

        Legal-form slots (X, XL) are drawn at random instead, weighted by
        repeats in their list, and do not count towards the size: names
        differ already without them."""
        out = []
        for fmt in co.patterns:
            slots = []
            seen = set()
            for _, field, _, _ in string.Formatter().parse(fmt):
                if field is None:
                    continue
                slot = field[:-2] if field.endswith('_r') else field
                if slot in seen:
                    continue
                seen.add(slot)
                key = slot.rstrip('0123456789')
                lst = co.last if key == 'S' else co.parts[key]
                slots.append((slot, key, len(lst)))
            size = 1
            for _, key, k in slots:
                if key not in SUFFIX_KEYS:
                    size *= k
            out.append((fmt, slots, size))
        return out

    def _people(self, co):
        """Every first x last name: (escaped display name, e-mail local)."""
        out = []
        firsts = co.first
        lasts = co.last
        for f, fr in firsts:
            female = f.endswith('*')
            f = f.rstrip('*')
            fr = fr.rstrip('*')
            for l1, l1r in lasts:
                if female and co.female_surname:
                    l1 = co.female_surname(l1)
                    l1r = l1
                if '{L2}' in co.person:
                    for l2, l2r in lasts[::3]:
                        name = co.person.format(F=f, L=l1, L2=l2)
                        out.append((esc(name), '%s.%s' % (
                            fold(fr, co.code), fold(l1r, co.code))))
                else:
                    name = co.person.format(F=f, L=l1)
                    out.append((esc(name), '%s.%s' % (
                        fold(fr, co.code), fold(l1r, co.code))))
        return out

    def company(self, co, k, r):
        """The k-th company name of a country: distinct for k < co.space."""
        j = (co.off + k * co.step) % co.space
        rnd = k // co.space
        for fmt, slots, size in co.slots:
            if j < size:
                break
            j -= size
        vals = {}
        slug = []
        city = None
        for slot, key, n in slots:
            if key in SUFFIX_KEYS:
                idx = int(r() * n)
            else:
                idx = j % n
                j //= n
            lst = co.last if key == 'S' else co.parts[key]
            native, roman = lst[idx]
            vals[slot] = native
            vals[slot + '_r'] = roman
            if key == 'C':          # a branch's city is the last one named
                city = idx
            if key not in SUFFIX_KEYS and key != 'B' and len(slug) < 2:
                slug.append(fold(roman, co.code))
        name = fmt.format(**vals)
        short = None
        if fmt.endswith(' {X}'):
            short = fmt[:-4].format(**vals)
        if rnd:
            name = '%s (%d)' % (name, rnd + 1)
            if short:
                short = '%s (%d)' % (short, rnd + 1)
        dom = '-'.join(s for s in slug if s)[:40].strip('-') or 'company'
        return name, short, dom, city

    def w(self, s):
        self.out.write(s.encode('utf-8'))

    def begin(self, table, cols, no, copy=True):
        """A table's pass: its own random stream, and its COPY block
        unless the ERP's side takes all of its rows."""
        self.rng.seed(self.seed * 64 + no)
        if copy:
            self.w('COPY kam.%s (%s) FROM STDIN;\n' % (table, ', '.join(cols)))

    def end(self, buf, copy=True):
        if copy:
            buf.append('\\.\n')
            self.w(''.join(buf))

    def money(self, x, co):
        if co.whole_units:
            return '%d.00' % int(x)
        return '%.2f' % x

    # -- tables ------------------------------------------------------------

    def accounts(self):
        r = self.rng.random
        self.begin('account', ['id', 'erp_id', 'name', 'legal_name', 'vat_id',
                               'tier', 'owner_id', 'team', 'industry',
                               'country', 'city', 'address', 'lifecycle',
                               'status', 'parent_id', 'currency',
                               'credit_limit', 'payment_terms', 'notes',
                               'erp_updated_at'], 1)
        for co in COUNTRIES:
            co.off = int(r() * co.space)
            co.count = 0
        showcase = [self.code_index[c] for c in SHOWCASE]
        self.rng.shuffle(showcase)
        nm = len(self.managers)
        owner_cycle = list(range(nm))
        self.rng.shuffle(owner_cycle)
        DAY, T = self.DAY, self.T
        tiers = ('strategic', 'key', 'standard')
        lifecycle = ['acquisition'] * 3 + ['development'] * 9 + \
            ['retention'] * 8
        status = ['active'] * 16 + ['at_risk'] * 2 + ['dormant'] + ['churned']
        notes = [esc(x) for x in NOTES]
        buf = []
        for i in range(self.n):
            ci = showcase[i] if i < len(showcase) else \
                self.weights[int(r() * len(self.weights))]
            co = COUNTRIES[ci]
            name, short, dom, city = self.company(co, co.count, r)
            co.count += 1
            if city is None:
                city = int(r() * len(co.cities))
            cy = co.cities[city]
            x = r()
            tier = 0 if x < 0.10 else (1 if x < 0.40 else 2)
            owner = owner_cycle[i] if i < nm else int(r() * nm)
            nc = 3 + int(r() * 5)
            ti = int(r() * len(co.terms or EN_TERMS))
            terms, tdays = (co.terms or EN_TERMS)[ti]
            self.a_country[i] = ci
            self.a_owner[i] = owner
            self.a_tier[i] = tier
            self.a_ncontacts[i] = nc
            self.a_city[i] = city
            self.a_terms[i] = tdays
            self.a_domain[i] = '%s.%s' % (dom, co.tld)
            legal = name
            if short and r() < 0.3:
                name = short
            st = co.streets[int(r() * len(co.streets))]
            addr = co.addr.format(
                st=st, no=1 + int(r() * 180), n2=1 + int(r() * 20),
                n3=1 + int(r() * 30), pc=cy.pc(r), city=cy.name,
                pref=cy.pref, state=cy.state)
            lo = (250000, 50000, 5000)[tier]
            hi = (2000000, 500000, 100000)[tier]
            x = r()
            if x < 0.04:
                credit = None
            else:
                credit = self.money(
                    round((lo + (hi - lo) * r() ** 2) * co.scale, -3), co)
            parent = NULL
            if i > 10 and r() < 0.04:
                parent = str(1 + int(r() * i))
            note = notes[int(r() * len(notes))] if r() < 0.08 else NULL
            vat = co.vat(r) if r() < 0.95 else None
            industry = INDUSTRIES[int(r() * len(INDUSTRIES))]
            lc, stat = lifecycle[int(r() * 20)], status[int(r() * 20)]
            day = DAY[T - int(r() * 120)]
            clock = self.sync_times[int(r() * len(self.sync_times))]
            erp = (legal, vat, addr, credit, terms)
            if self.erp:
                self.erp.add('customers', {
                    'id': 'C%06d' % (i + 1), 'name': name, 'legal_name': legal,
                    'vat_id': vat, 'country': co.code, 'city': cy.name,
                    'address': addr, 'payment_terms': terms,
                    'credit_limit': credit, 'currency': co.currency,
                    'updated_at': erp_time(day, clock)})
                erp = (None,) * 5
            buf.append('%d\tC%06d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t'
                       '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' % (
                           i + 1, i + 1, esc(name), esc(erp[0]), esc(erp[1]),
                           tiers[tier], self.mgr_id[owner],
                           self.mgr_team[owner], esc(industry),
                           co.code, esc(cy.name), esc(erp[2]), lc, stat,
                           parent, co.currency, esc(erp[3]), esc(erp[4]), note,
                           NULL if self.erp else day + ' ' + clock))
            if len(buf) >= 2000:
                self.w(''.join(buf))
                buf.clear()
        self.end(buf)

    def contacts(self):
        r = self.rng.random
        self.begin('contact', ['id', 'account_id', 'erp_id', 'name',
                               'job_title', 'email', 'phone',
                               'decision_maker', 'preferred_channel',
                               'active', 'erp_updated_at'], 2)
        DAY, T = self.DAY, self.T
        chans = ['phone'] * 4 + ['email'] * 4 + ['meeting', 'visit', 'chat'] \
            + ['\\N'] * 2
        stimes = self.sync_times
        nst = len(stimes)
        jt = self.job_titles
        buf = []
        app = buf.append
        for i in range(self.n):
            co = COUNTRIES[self.a_country[i]]
            cy = co.cities[self.a_city[i]]
            dom = self.a_domain[i]
            people = co.people
            npeople = len(people)
            local_titles = co.titles_esc
            for k in range(self.a_ncontacts[i]):
                cid = i * 8 + k + 1
                name, mail = people[int(r() * npeople)]
                if local_titles and r() < 0.4:
                    title = local_titles[int(r() * len(local_titles))]
                else:
                    title = jt[int(r() * len(jt))]
                x = r()
                if x < 0.05:
                    email = NULL
                elif x < 0.15:
                    email = '%s%d@%s' % (mail, k + 1, dom)
                else:
                    email = '%s@%s' % (mail, dom)
                phone = cy.phone(r) if r() < 0.9 else NULL
                dm = 't' if k == 0 or (k == 1 and r() < 0.4) else 'f'
                chan = chans[int(r() * 13)]
                active = 'f' if r() < 0.05 else 't'
                day, clock = DAY[T - int(r() * 400)], stimes[int(r() * nst)]
                if self.erp:
                    self.erp_contact(i, cid, name, title, email, phone,
                                     active, erp_time(day, clock))
                    title = email = phone = NULL
                app('%d\t%d\tP%07d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' % (
                    cid, i + 1, cid, name, title, email, phone, dm, chan,
                    active, NULL if self.erp else day + ' ' + clock))
            if len(buf) >= 4000:
                self.w(''.join(buf))
                buf.clear()
        self.end(buf)

    def erp_contact(self, i, cid, name, title, email, phone, active, upd):
        """A contact as the ERP serves it: an inactive one is a tombstone."""
        rec = {'id': 'P%07d' % cid, 'updated_at': upd}
        if active == 'f':
            rec['deleted'] = True
        else:
            rec.update(customer_id='C%06d' % (i + 1), name=unesc(name),
                       job_title=unesc(title), email=unesc(email),
                       phone=unesc(phone))
        self.erp.add('contacts', rec)

    def conditions(self):
        r = self.rng.random
        self.begin('special_condition', ['id', 'account_id', 'kind', 'title',
                                         'value', 'unit', 'scope',
                                         'valid_from', 'valid_to',
                                         'approved_by'], 3)
        DAY, T = self.DAY, self.T
        titles = {k: [esc(t.format(y=self.year)) for t in v]
                  for k, v in CONDITION_TITLES.items()}
        scopes = [esc(s) if s else NULL for s in COND_SCOPES]
        kinds = COND_KIND_TABLE
        nk = len(kinds)
        mids = self.mgr_id
        nm = len(mids)
        buf = []
        app = buf.append
        for i in range(self.n):
            co = COUNTRIES[self.a_country[i]]
            n = 2 + int(r() * 4)
            for k in range(n):
                kind = kinds[int(r() * nk)]
                if kind == 'discount':
                    value, unit = '%.2f' % (0.5 * (1 + int(r() * 50))), \
                        'percent'
                elif kind == 'rebate':
                    if r() < 0.7:
                        value, unit = '%.2f' % (0.5 * (1 + int(r() * 10))), \
                            'percent'
                    else:
                        value, unit = self.money(
                            1000 * (1 + int(r() * 20)) * co.scale, co), \
                            'amount'
                elif kind == 'warranty':
                    value, unit = ('12', '24', '36', '60')[int(r() * 4)], \
                        'months'
                elif kind == 'payment_terms':
                    value, unit = ('30', '45', '60', '90')[int(r() * 4)], \
                        'days'
                elif kind == 'other' and r() < 0.4:
                    value, unit = self.money(
                        500 * (1 + int(r() * 20)) * co.scale, co), 'amount'
                else:
                    value, unit = NULL, NULL
                tl = titles[kind]
                title = tl[int(r() * len(tl))]
                x = r()
                if i == 0 and k < 2:
                    x = 0.1 if k == 0 else 0.3
                if x < 0.2:                       # expired
                    vt = T - 1 - int(r() * 400)
                    vf = vt - 90 - int(r() * 700)
                elif x < 0.35:                    # expires within 30 days
                    vt = T + int(r() * 30)
                    vf = T - 100 - int(r() * 600)
                elif x < 0.6:                     # open-ended
                    vt = None
                    vf = T - int(r() * 1000)
                elif x < 0.72:                    # upcoming
                    vf = T + 1 + int(r() * 90)
                    vt = vf + 364 if r() < 0.5 else None
                else:                             # running
                    vf = T - int(r() * 700)
                    vt = T + 31 + int(r() * 700)
                app('%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' % (
                    i * 6 + k + 1, i + 1, kind, title, value, unit,
                    scopes[int(r() * len(scopes))], DAY[vf],
                    NULL if vt is None else DAY[vt],
                    mids[int(r() * nm)] if r() < 0.8 else NULL))
            if len(buf) >= 4000:
                self.w(''.join(buf))
                buf.clear()
        self.end(buf)

    def service_levels(self):
        r = self.rng.random
        self.begin('service_level', ['id', 'account_id', 'name',
                                     'first_response', 'resolution',
                                     'support_days', 'support_from',
                                     'support_to', 'time_zone', 'channels',
                                     'escalation_contact_id', 'escalation',
                                     'goodwill_policy', 'valid_from',
                                     'valid_to'], 4)
        DAY, T = self.DAY, self.T
        self.a_response = [None] * self.n
        esca = [esc(x) for x in ESCALATIONS]
        good = [esc(x) for x in GOODWILL]
        buf = []
        app = buf.append
        for i in range(self.n):
            co = COUNTRIES[self.a_country[i]]
            cy = co.cities[self.a_city[i]]
            names = SLA_BY_TIER[self.a_tier[i]]
            name = names[int(r() * len(names))]
            fr, res, days, sfrom, sto, chans = SLA_LEVELS[name]
            if name == 'Silver' and r() < 0.3:
                res = '2 days'
            if name == 'Bronze' and r() < 0.3:
                chans = '{phone,email}'
            esc_contact = NULL
            if r() < 0.9:
                esc_contact = str(i * 8 + 1 + int(r() * self.a_ncontacts[i]))
            vf = T - 30 - int(r() * 900)
            x = r()
            if x < 0.55:
                vt = NULL
            elif x < 0.87:
                vt = DAY[T + 30 + int(r() * 700)]
            else:
                vt = DAY[vf + int(r() * (T - 1 - vf))]
            # a complaint's first answer is due this long after it was
            # raised while the service level is in force (feedback_due)
            self.a_response[i] = int(fr.split()[0]) \
                if vt == NULL or vt >= DAY[T] else None
            app('%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n'
                % (i + 1, i + 1, name, fr, res, days, sfrom or NULL,
                   sto or NULL, cy.tz, chans, esc_contact,
                   esca[int(r() * len(esca))] if r() < 0.85 else NULL,
                   good[int(r() * len(good))] if r() < 0.7 else NULL,
                   DAY[vf], vt))
            if len(buf) >= 4000:
                self.w(''.join(buf))
                buf.clear()
        self.end(buf)
        self.holidays()

    def holidays(self):
        """Holidays of this year and the next on every calendar the
        service levels' hours made (migration 0025 makes them as the rows
        arrive), two of them part days."""
        y = self.today.year
        self.w("INSERT INTO kam.calendar_holiday (calendar_id, day, name, "
               "closed_from)\nSELECT c.id, make_date(y, v.m, v.d), v.n, v.f "
               "FROM kam.calendar c, generate_series(%d, %d) y,\n"
               " (VALUES (1, 1, 'New Year''s Day', NULL::time), "
               "(5, 1, 'Labour Day', NULL), (10, 3, 'Unity Day', NULL),\n"
               "  (12, 24, 'Christmas Eve', '12:00'), (12, 25, 'Christmas Day', "
               "NULL), (12, 26, 'Boxing Day', NULL),\n"
               "  (12, 31, 'New Year''s Eve', '14:00')) v (m, d, n, f);\n"
               % (y, y + 1))

    def tickets(self):
        """Every ticket entry is a ticket (migration 0033): those of the
        last 45 days (and the newest ten) open in every state, the others closed. Loaded with
        triggers off, the tickets come from here (their own triggers run
        all the same: due times); with --checked, the entries' trigger
        made them new, and the moves below bring them to their state."""
        self.w("CREATE TEMP TABLE demo_ticket ON COMMIT DROP AS\n"
               "SELECT i.id, CASE WHEN i.occurred_at < DATE '%s' - 45 AND i.n > 10\n"
               "  THEN 'closed' ELSE (ARRAY['new', 'in_progress', "
               "'waiting_for_customer', 'resolved', 'closed', 'in_progress'])"
               "[i.n %% 6 + 1] END AS state,\n"
               "  (ARRAY['low', 'normal', 'normal', 'high', 'urgent'])"
               "[i.id %% 5 + 1] AS priority, i.occurred_at\n"
               "  FROM (SELECT x.id, x.occurred_at, row_number() OVER "
               "(ORDER BY x.occurred_at DESC, x.id) AS n\n"
               "          FROM kam.interaction x WHERE x.channel = 'ticket') i;\n"
               "INSERT INTO kam.ticket (id, state, priority, first_response_at, "
               "paused_since, resolved_at, closed_at)\n"
               "SELECT id, state, priority,\n"
               "  CASE WHEN state <> 'new' THEN occurred_at + interval '40 minutes' END,\n"
               "  CASE WHEN state = 'waiting_for_customer' "
               "THEN occurred_at + interval '2 hours' END,\n"
               "  CASE WHEN state IN ('resolved', 'closed') "
               "THEN occurred_at + interval '1 day' END,\n"
               "  CASE WHEN state = 'closed' THEN occurred_at + interval '2 days' END\n"
               "  FROM demo_ticket ON CONFLICT (id) DO NOTHING;\n"
               "UPDATE kam.ticket t SET priority = d.priority, state = CASE d.state\n"
               "  WHEN 'closed' THEN 'resolved' ELSE d.state END\n"
               "  FROM demo_ticket d WHERE d.id = t.id AND t.state = 'new' "
               "AND d.state <> 'new';\n"
               "UPDATE kam.ticket t SET state = 'closed' FROM demo_ticket d\n"
               " WHERE d.id = t.id AND t.state = 'resolved' AND d.state = 'closed';\n"
               % self.today.isoformat())

    def plans(self):
        """Plan ids: 2i+1 for this year, 2i+2 for last year (if any)."""
        r = self.rng.random
        self.begin('account_plan', ['id', 'account_id', 'year',
                                    'annual_talk_on', 'revenue_target',
                                    'objectives', 'innovation_access',
                                    'status'], 5)
        DAY = self.DAY
        y0, y1, ly0, ly1 = self.y0, self.y1, self.ly0, self.ly1
        objs = [esc(o) for o in OBJECTIVES]
        buf = []
        app = buf.append
        for i in range(self.n):
            co = COUNTRIES[self.a_country[i]]
            tier = self.a_tier[i]
            base = (2000000, 400000, 60000)[tier]
            inno = (0.8, 0.4, 0.1)[tier]
            talk = NULL if r() < 0.15 else DAY[y0 + int(r() * (y1 - y0 + 1))]
            app('%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\n' % (
                2 * i + 1, i + 1, self.year, talk,
                self.money(round(base * (0.3 + r()) * co.scale, -3), co),
                objs[int(r() * len(objs))], 't' if r() < inno else 'f',
                'active' if r() < 0.75 else 'draft'))
            if r() < 0.6:
                self.a_has_last[i] = 1
                talk = DAY[ly0 + int(r() * (ly1 - ly0 + 1))]
                app('%d\t%d\t%d\t%s\t%s\t%s\t%s\tclosed\n' % (
                    2 * i + 2, i + 1, self.year - 1, talk,
                    self.money(round(base * (0.3 + r()) * co.scale, -3), co),
                    objs[int(r() * len(objs))], 't' if r() < inno else 'f'))
            if len(buf) >= 4000:
                self.w(''.join(buf))
                buf.clear()
        self.end(buf)

    def plan_actions(self):
        r = self.rng.random
        has_last = self.a_has_last
        self.begin('plan_action', ['id', 'plan_id', 'title', 'kind',
                                   'owner_id', 'due_on', 'status',
                                   'done_on'], 6)
        DAY, T = self.DAY, self.T
        y0, y1, ly0, ly1 = self.y0, self.y1, self.ly0, self.ly1
        titles = {k: pool(v) for k, v in ACTION_TITLES.items()}
        kinds = ACTION_KINDS
        mids = self.mgr_id
        buf = []
        app = buf.append
        for i in range(self.n):
            own = self.a_owner[i]
            mates = self.mates[own]
            for p, (d0, d1, last) in enumerate(((y0, y1, False),
                                                (ly0, ly1, True))):
                if last and not has_last[i]:
                    break
                pid = 2 * i + 1 + p
                for k in range(2 + int(r() * 4)):
                    kind = kinds[int(r() * 5)]
                    tl = titles[kind]
                    x = r()
                    owner = mids[own] if x < 0.7 else (
                        mids[mates[int(r() * len(mates))]] if x < 0.92
                        else NULL)
                    due = d0 + int(r() * (d1 - d0 + 1))
                    x = r()
                    if last:
                        st = 'done' if x < 0.7 else (
                            'dropped' if x < 0.9 else 'open')
                    elif due < T:
                        st = 'done' if x < 0.55 else (
                            'open' if x < 0.85 else 'dropped')
                    else:
                        st = 'open' if x < 0.85 else (
                            'done' if x < 0.95 else 'dropped')
                    done = NULL
                    if st == 'done':
                        done = DAY[min(T, due - 30 + int(r() * 50))]
                    app('%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n' % (
                        (pid - 1) * 6 + k + 1, pid, tl[int(r() * len(tl))],
                        kind, owner, DAY[due], st, done))
            if len(buf) >= 4000:
                self.w(''.join(buf))
                buf.clear()
        self.end(buf)

    def interactions(self):
        r = self.rng.random
        self.begin('interaction', ['id', 'account_id', 'contact_id',
                                   'occurred_at', 'channel', 'direction',
                                   'subject', 'body', 'author_id', 'outcome',
                                   'follow_up_on', 'feedback',
                                   'follow_up_owner_id', 'complaint_closed_at',
                                   'topic_ids', 'loop_state', 'loop_owner_id',
                                   'answer_due_at', 'acknowledged_at'],
                   7)
        DAY, T = self.DAY, self.T
        CHT = CHANNEL_TABLE
        nch = len(CHT)
        DIRT = DIRECTION_TABLES
        FBT = FEEDBACK_TABLE
        SUBJ = self.subjects
        TSUBJ = self.ticket_subjects
        nts = len(TSUBJ)
        FBS = self.fb_subjects
        BOD = self.bodies
        nb = len(BOD)
        TBOD = self.ticket_bodies
        ntb = len(TBOD)
        OUT = self.outcomes
        no = len(OUT)
        mids = self.mgr_id
        nm = len(mids)
        sam = self.support_id
        chname = CHANNELS
        wt = self.work_times
        at = self.any_times
        buf = []
        app = buf.append
        for i in range(self.n):
            co = COUNTRIES[self.a_country[i]]
            off = co.cities[self.a_city[i]].off
            wtimes = wt[off]
            atimes = at[off]
            nwt = len(wtimes)
            nat = len(atimes)
            local = co.subjects
            nloc = len(local)
            own = self.a_owner[i]
            owner = mids[own]
            mates = self.mates[own]
            nmates = len(mates)
            nc = self.a_ncontacts[i]
            cbase = i * 8 + 1
            aid = i + 1
            idbase = i * 72 + 1
            n = 35 + int(r() * 31)
            days = sorted([int(r() * 1095) for _ in range(n)], reverse=True)
            for k in range(n):
                d = T - 1 - days[k]
                ch = CHT[int(r() * nch)]
                fb = FBT[int(r() * 100)]
                if ch == CH_TICKET:
                    tm = atimes[int(r() * nat)]
                    subj = TSUBJ[int(r() * nts)]
                    body = TBOD[int(r() * ntb)] if r() < 0.85 else NULL
                    author = sam if sam and r() < 0.85 else owner
                    contact = str(cbase + int(r() * nc)) if r() < 0.9 \
                        else NULL
                else:
                    tm = wtimes[int(r() * nwt)]
                    if nloc and r() < 0.3:
                        subj = local[int(r() * nloc)]
                    else:
                        sl = SUBJ[ch]
                        subj = sl[int(r() * len(sl))]
                    body = BOD[int(r() * nb)] if r() < 0.75 else NULL
                    x = r()
                    author = owner if x < 0.75 else (
                        mids[mates[int(r() * nmates)]] if x < 0.9
                        else mids[int(r() * nm)])
                    contact = str(cbase + int(r() * nc)) if r() < 0.8 \
                        else NULL
                if fb != 'none':
                    sl = FBS[fb]
                    subj = sl[int(r() * len(sl))]
                outc = OUT[int(r() * no)] if r() < 0.65 else NULL
                fu = DAY[d + 2 + int(r() * 40)] if r() < 0.18 else NULL
                # the author follows up (0018_entry_lifecycle.sql); a
                # complaint with its outcome was closed when it was logged
                closed = '%s %s' % (DAY[d], tm) \
                    if fb == 'complaint' and outc != NULL else NULL
                loop = self.loop(fb, T - d, closed, d, tm,
                                 self.a_response[i]) \
                    if fb != 'none' else ('{}', NULL, NULL, NULL, NULL)
                app('%d\t%d\t%s\t%s %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s'
                    '\t%s\t%s\t%s\t%s\t%s\n' % (
                    idbase + k, aid, contact, DAY[d], tm, chname[ch],
                    DIRT[ch][int(r() * 20)], subj, body, author, outc, fu,
                    fb, author, closed, loop[0], loop[1],
                    owner if fb != 'none' else NULL, loop[2], loop[3]))
            if len(buf) >= 8000:
                self.w(''.join(buf))
                buf.clear()
        self.end(buf)

    def later(self, d, tm, hours):
        """The time `hours` after day d at tm (HH:MM:SS+OO), same offset."""
        t = int(tm[:2]) + hours
        return '%s %02d%s' % (self.DAY[d + t // 24], t % 24, tm[2:])

    def loop(self, fb, age, closed, d, tm, response):
        """Feedback's loop as it stands after `age` days: topics, state,
        due time, acknowledged. Older items have moved on; old ideas and
        compliments were settled before kam kept answers (closed or no
        answer needed); a complaint is closed only with its outcome."""
        r = self.rng.random
        pref = TOPICS_BY_KIND[fb]
        ids = {pref[int(r() * len(pref))] + 1}
        if r() < 0.3:
            ids.add(int(r() * len(TOPICS)) + 1)
        x = r()
        if fb == 'complaint':
            state = 'closed' if closed != NULL else 'new' if age < 3 else \
                'acknowledged' if age < 10 else 'in_progress'
        elif fb == 'compliment':
            state = 'new' if age < 7 and x < 0.5 else \
                'no_answer_needed' if x < 0.8 else 'acknowledged'
        else:
            state = 'new' if age < 7 else 'acknowledged' if age < 30 else \
                'closed' if x < 0.7 else 'in_progress'
        due = self.later(d, tm, response) \
            if fb == 'complaint' and response is not None else NULL
        ack = self.later(d, tm, 2) if state != 'new' else NULL
        return ('{%s}' % ','.join(str(t) for t in sorted(ids)), state, due,
                ack)

    def topics(self):
        self.begin('topic', ['id', 'name', 'status'], 11)
        self.end(['%d\t%s\tcurated\n' % (k + 1, esc(t))
                  for k, t in enumerate(TOPICS)])

    def orders(self):
        r = self.rng.random
        self.begin('erp_order', ['id', 'erp_id', 'account_id', 'number',
                                 'order_date', 'amount', 'currency', 'status',
                                 'deleted', 'erp_updated_at'], 8,
                   copy=not self.erp)
        DAY, T = self.DAY, self.T
        stimes = self.sync_times
        nst = len(stimes)
        buf = []
        app = buf.append
        for i in range(self.n):
            co = COUNTRIES[self.a_country[i]]
            size = (20000, 6000, 1500)[self.a_tier[i]] * co.scale
            whole = co.whole_units
            cur = co.currency
            for k in range(10 + int(r() * 11)):
                oid = i * 24 + k + 1
                age = int(r() * 730)
                x = r()
                if x < 0.03:
                    st = 'cancelled'
                elif age < 10:
                    st = 'open' if x < 0.6 else 'confirmed'
                elif age < 40:
                    st = 'confirmed' if x < 0.3 else (
                        'shipped' if x < 0.8 else 'invoiced')
                else:
                    st = 'invoiced' if x < 0.85 else 'shipped'
                amt = size * (0.05 + 2 * r() * r())
                amount = ('%d.00' % amt) if whole else ('%.2f' % amt)
                day = DAY[T - (age - int(r() * min(age, 20)))]
                clock = stimes[int(r() * nst)]
                if self.erp:
                    self.erp.add('orders', {
                        'id': 'O%08d' % oid, 'customer_id': 'C%06d' % (i + 1),
                        'number': str(100000000 + oid),
                        'order_date': DAY[T - age], 'amount': amount,
                        'currency': cur, 'status': st,
                        'updated_at': erp_time(day, clock)})
                    continue
                app('%d\tO%08d\t%d\t%d\t%s\t%s\t%s\t%s\tf\t%s %s\n' % (
                    oid, oid, i + 1, 100000000 + oid, DAY[T - age], amount,
                    cur, st, day, clock))
            if len(buf) >= 8000:
                self.w(''.join(buf))
                buf.clear()
        self.end(buf, copy=not self.erp)

    def invoices(self):
        r = self.rng.random
        self.begin('erp_invoice', ['id', 'erp_id', 'account_id', 'number',
                                   'invoice_date', 'due_date', 'amount',
                                   'open_amount', 'currency', 'status',
                                   'deleted', 'erp_updated_at'], 9,
                   copy=not self.erp)
        DAY, T = self.DAY, self.T
        stimes = self.sync_times
        nst = len(stimes)
        buf = []
        app = buf.append
        for i in range(self.n):
            co = COUNTRIES[self.a_country[i]]
            size = (25000, 8000, 2000)[self.a_tier[i]] * co.scale
            whole = co.whole_units
            cur = co.currency
            terms = self.a_terms[i]
            # a few customers pay late as a habit
            late = 0.3 if r() < 0.1 else 0.06
            for k in range(5 + int(r() * 11)):
                iid = i * 16 + k + 1
                age = int(r() * 730)
                inv = T - age
                due = inv + terms
                amt = size * (0.05 + 2 * r() * r())
                amount = ('%d.00' % amt) if whole else ('%.2f' % amt)
                x = r()
                if due >= T:
                    if x < 0.8:
                        st, open_ = 'open', amount
                    else:
                        st, open_ = 'paid', '0.00'
                elif x < late:
                    st, open_ = 'overdue', amount
                elif x < late + 0.04:
                    part = amt * (0.1 + 0.8 * r())
                    st = 'partially_paid'
                    open_ = ('%d.00' % part) if whole else ('%.2f' % part)
                else:
                    st, open_ = 'paid', '0.00'
                upd = inv if st in ('open', 'overdue') else \
                    max(inv, min(T, due - 5 + int(r() * 20)))
                clock = stimes[int(r() * nst)]
                if self.erp:
                    self.erp.add('invoices', {
                        'id': 'I%08d' % iid, 'customer_id': 'C%06d' % (i + 1),
                        'number': str(900000000 + iid),
                        'invoice_date': DAY[inv], 'due_date': DAY[due],
                        'amount': amount, 'open_amount': open_,
                        'currency': cur, 'status': st,
                        'updated_at': erp_time(DAY[upd], clock)})
                    continue
                app('%d\tI%08d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\tf\t%s %s\n' % (
                    iid, iid, i + 1, 900000000 + iid, DAY[inv], DAY[due],
                    amount, open_, cur, st, DAY[upd], clock))
            if len(buf) >= 8000:
                self.w(''.join(buf))
                buf.clear()
        self.end(buf, copy=not self.erp)

    def rates(self):
        """Exchange rates to EUR (the reporting currency by default) for
        every currency but EUR: the first of each month for two years and
        today, around the countries' scale, so that the account list sorts
        revenue in one currency (issue 12, item 5). An administrator's data,
        not the ERP's: in the script either way."""
        r = self.rng.random
        self.begin('exchange_rate', ['currency', 'quote', 'valid_on', 'rate'],
                   10)
        days = []
        d = datetime.date(self.today.year - 2, self.today.month, 1)
        while d <= self.today:
            days.append(d)
            d = (d + datetime.timedelta(days=32)).replace(day=1)
        if days[-1] != self.today:
            days.append(self.today)
        scales = {}
        for co in COUNTRIES:
            if co.currency != 'EUR':
                scales.setdefault(co.currency, co.scale)
        buf = []
        for cur in sorted(scales):
            for day in days:
                # within 3 % of the scale either way
                rate = (1 + (r() - 0.5) * 0.06) / scales[cur]
                buf.append('%s\tEUR\t%s\t%s\n' % (
                    cur, day.isoformat(), ('%.12f' % rate).rstrip('0')))
        self.end(buf)

    def run(self):
        self.w('-- kam demo data: kamgen.py --seed %d --accounts %d '
               '--today %s\n' % (self.seed, self.n, self.today.isoformat()))
        self.w("SET client_encoding = 'UTF8';\n")
        self.accounts()
        self.contacts()
        self.conditions()
        self.service_levels()
        self.plans()
        self.plan_actions()
        self.topics()
        self.interactions()
        self.tickets()
        self.orders()
        self.invoices()
        self.rates()
        if self.erp:
            self.erp.close()
        for t in ('account', 'contact', 'special_condition', 'service_level',
                  'account_plan', 'plan_action', 'interaction', 'erp_order',
                  'erp_invoice', 'topic'):
            self.w("SELECT setval(pg_get_serial_sequence('kam.%s', 'id'), "
                   "max(id)) FROM kam.%s;\n" % (t, t))
        self.out.flush()


def parse_users(s):
    users = {}
    for item in s.split(','):
        item = item.strip()
        if not item:
            continue
        name, sep, uid = item.partition('=')
        if not sep or not uid.strip().isdigit():
            raise argparse.ArgumentTypeError(
                'expected name=id pairs, got %r' % item)
        users[name.strip()] = int(uid)
    return users


def parse_date(s):
    try:
        d = datetime.date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError('expected YYYY-MM-DD, got %r' % s)
    if not 2001 <= d.year <= 2099:
        raise argparse.ArgumentTypeError('the year must be 2001..2099')
    return d


def non_negative(s):
    try:
        v = int(s)
    except ValueError:
        raise argparse.ArgumentTypeError('expected a number, got %r' % s)
    if v < 0:
        raise argparse.ArgumentTypeError('must not be negative')
    return v


def main():
    ap = argparse.ArgumentParser(
        description='Deterministic demo and benchmark data for kam, as a '
        'psql script of COPY blocks on stdout.')
    ap.add_argument('--seed', type=non_negative, default=1)
    ap.add_argument('--accounts', type=non_negative, default=300)
    ap.add_argument('--users', type=parse_users,
                    default=parse_users('anna=1,bo=2,carla=3,david=4,eva=5,'
                                        'farid=6,sam=7,kamadmin=8'),
                    help='role=app_user.id pairs, comma-separated')
    ap.add_argument('--today', type=parse_date, default=None,
                    help='reference date (default: today)')
    ap.add_argument('--erp', metavar='DIR',
                    help="write the ERP's side to DIR, for fake_erp.py "
                    "serve --data DIR, and leave it out of the script")
    a = ap.parse_args()
    today = a.today or datetime.date.today()
    if a.erp and not os.path.isdir(a.erp):
        ap.error('--erp: %s is not a folder' % a.erp)
    try:
        Gen(a.seed, a.accounts, a.users, today, a.erp).run()
    except BrokenPipeError:
        # the reader went away (psql stopped on an error): no traceback,
        # and nothing more for the interpreter to flush at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.stderr.write('kamgen: output closed early\n')
        sys.exit(1)


if __name__ == '__main__':
    main()
