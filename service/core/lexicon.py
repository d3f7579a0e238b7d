"""Word tables the name analyser uses: legal forms, generic words, titles, particles,
given-name variants and nicknames.

Everything here is lower-case ASCII, i.e. already through :func:`normalize.tokens`,
so a Cyrillic "ООО" arrives as "ooo" and "Gesellschaft mit beschränkter Haftung" as
"gesellschaft mit beschrankter haftung". The tables are our own, written for
screening: a listed party's distinctive words must carry the score, while the words
every company or every Arab/Russian/Korean name shares must not.
"""

from __future__ import annotations

# --- organisations -----------------------------------------------------------------

# Multi-word legal forms -> one canonical token. Longest phrases are tried first.
LEGAL_PHRASES: dict[str, str] = {
    "limited liability company": "llc",
    "limited liability partnership": "llp",
    "limited liability co": "llc",
    "limited partnership": "lp",
    "public limited company": "plc",
    "public joint stock company": "pjsc",
    "private joint stock company": "pjsc",
    "closed joint stock company": "zao",
    "open joint stock company": "oao",
    "joint stock company": "jsc",
    "joint stock co": "jsc",
    "joint venture": "jv",
    "private limited company": "ltd",
    "pte ltd": "ltd",
    "pvt ltd": "ltd",
    "private limited": "ltd",
    "sdn bhd": "sdnbhd",
    "co ltd": "ltd",
    "company limited": "ltd",
    "free zone establishment": "fze",
    "free zone company": "fzco",
    "free zone llc": "fzllc",
    "fz llc": "fzllc",
    "fz co": "fzco",
    "s a": "sa",
    "s a s": "sas",
    "s a r l": "sarl",
    "s r l": "srl",
    "s p a": "spa",
    "s de r l": "srl",
    "s a de c v": "sa",
    "sa de cv": "sa",
    "b v": "bv",
    "n v": "nv",
    "a g": "ag",
    "a s": "as",
    "gmbh co kg": "gmbh",
    "gmbh und co kg": "gmbh",
    "gesellschaft mit beschrankter haftung": "gmbh",
    "obshchestvo s ogranichennoy otvetstvennostyu": "ooo",
    "obshchestvo s ogranichennoi otvetstvennostiu": "ooo",
    "obshestvo s ogranichennoy otvetstvennostyu": "ooo",
    "aktsionernoe obshchestvo": "ao",
    "aktsionernoye obshchestvo": "ao",
    "otkrytoe aktsionernoe obshchestvo": "oao",
    "otkrytoye aktsionernoye obshchestvo": "oao",
    "zakrytoe aktsionernoe obshchestvo": "zao",
    "zakrytoye aktsionernoye obshchestvo": "zao",
    "publichnoe aktsionernoe obshchestvo": "pao",
    "publichnoye aktsionernoye obshchestvo": "pao",
    "sociedad anonima": "sa",
    "societe anonyme": "sa",
    "sociedade anonima": "sa",
    "societa per azioni": "spa",
    "sociedad limitada": "sl",
    "general trading llc": "llc",
}

# Single-token legal forms -> canonical family. Forms of one family compare equal
# ("limited" = "ltd"); different families differ only a little (forms are noise).
LEGAL_FORMS: dict[str, str] = {
    "ltd": "ltd", "limited": "ltd", "ltda": "ltd", "plc": "plc", "llc": "llc", "llp": "llp",
    "lp": "lp", "inc": "inc", "incorporated": "inc", "corp": "corp", "corporation": "corp",
    "co": "co", "company": "co", "cos": "co", "comp": "co", "compagnie": "co", "cie": "co",
    "jsc": "jsc", "ojsc": "oao", "cjsc": "zao", "pjsc": "pjsc", "ao": "jsc", "oao": "oao",
    "zao": "zao", "pao": "pjsc", "ooo": "ooo", "tov": "ooo", "too": "ooo", "pat": "pjsc",
    "chp": "ip", "ip": "ip", "fgup": "gup", "gup": "gup", "mup": "gup", "nko": "nko",
    "gmbh": "gmbh", "ag": "ag", "kg": "kg", "ohg": "kg", "ug": "gmbh", "ev": "ev",
    "sa": "sa", "sas": "sa", "sarl": "sarl", "srl": "srl", "spa": "spa", "sl": "sl",
    "bv": "bv", "nv": "nv", "ab": "ab", "as": "as", "asa": "as", "oy": "oy", "oyj": "oy",
    "aps": "as", "kft": "kft", "zrt": "zrt", "sp": "sp", "zoo": "zoo", "doo": "doo",
    "ad": "ad", "ead": "ad", "eood": "ood", "ood": "ood", "dd": "dd", "sro": "sro",
    "pte": "pte", "pty": "pty", "pvt": "pvt", "bhd": "bhd", "sdnbhd": "sdnbhd", "tbk": "tbk",
    "fze": "fze", "fzco": "fze", "fzllc": "fze", "fz": "fze", "fzc": "fze", "dmcc": "fze",
    "est": "est", "establishment": "est", "jv": "jv", "sal": "sa", "saog": "sa", "saoc": "sa",
    "wll": "llc", "kk": "kk", "gk": "kk", "kabushiki": "kk", "kaisha": "kk", "yk": "kk",
    "aas": "as", "sae": "sa", "psc": "psc", "qsc": "psc", "qpsc": "psc",
    "cv": "cv", "pt": "pt", "sha": "sa", "shpk": "shpk", "uab": "uab",
    "ltdco": "ltd", "holdings": "holding", "holding": "holding",
    "obshchestvo": "ooo", "obshestvo": "ooo", "otvetstvennostyu": "ooo",
    "otvetstvennostiu": "ooo", "ogranichennoy": "ooo", "ogranichennoi": "ooo",
    "aktsionernoe": "ao", "aktsionernoye": "ao", "zakrytoe": "zao", "otkrytoe": "oao",
    "publichnoe": "pao", "gesellschaft": "gmbh", "aktiengesellschaft": "ag",
    "joint": "jsc", "stock": "jsc", "liability": "llc", "beschrankter": "gmbh",
    "haftung": "gmbh", "sociedad": "sa", "societe": "sa", "anonima": "sa", "anonyme": "sa",
}  # fmt: skip

# Words many unrelated companies share. They still count, just far less than the
# distinctive words ("GLOBAL TRADING LTD" must not alert on every global trader).
GENERIC_ORG_WORDS: frozenset[str] = frozenset(
    """
    trading trade traders group international intl international global general industries
    industry industrial industrials entreprise entreprises services service enterprise
    enterprises company
    shipping ship shipmanagement management marine maritime logistics transport
    transportation import export imports exports commercial commerce investment
    investments invest capital finance financial fund partners partner solutions
    technology technologies tech systems system engineering construction development
    developments energy oil gas petroleum petrochemical resources mining metals steel
    products manufacturing factory plant agency associates consulting consultancy
    business center centre network media communications telecom electronics electric
    equipment machinery supply supplies distribution world worldwide universal united
    national bank foundation association institute organization organisation society
    union federation office bureau firm store stores market markets united new first
    star sun best royal golden gold silver green blue red east west north south middle
    asia asian europe european africa african america american euro pacific atlantic
    overseas ocean sea line lines the of and for in de la du des el y e et und fur
    eastern western northern southern central open closed public private scientific
    research production enterprise unitary federal state municipal branch representative
    representation office
    """.split()
)

# Business-word abbreviations payments use -> the word as lists spell it, so "SHPG" and
# "SHIPPING" are one token (read before the generic-word test).
ABBREVIATIONS: dict[str, str] = {
    "mgmt": "management", "mgt": "management", "intl": "international",
    "shpg": "shipping", "trdg": "trading", "natl": "national",
    "svcs": "services", "svc": "service", "inds": "industries", "indl": "industrial",
    "engg": "engineering", "bros": "brothers", "assn": "association",
    "assoc": "association", "devt": "development",
    "govt": "government", "dept": "department", "invt": "investment", "eqpt": "equipment",
    "mfg": "manufacturing", "coml": "commercial", "hldg": "holding", "hldgs": "holding",
    "inst": "institute", "univ": "university", "tech": "technology",
    "techs": "technologies", "petrochem": "petrochemical", "elec": "electric",
    "grp": "group", "mkt": "market",
}  # fmt: skip

# Honorifics and titles: dropped from names (only when something else remains).
TITLES: frozenset[str] = frozenset(
    """
    mr mrs ms miss mister madam madame sir dame lord lady dr doctor professor
    sheikh shaikh shaykh sheik cheikh haji hajji hadji hajj alhaji alhaj mullah mulla
    maulana mawlana maulvi mawlawi moulvi mufti imam qari
    ustad ustadh general colonel major captain lieutenant brigadier admiral sergeant
    commander president minister excellency honorable honourable reverend ayatollah
    hojatoleslam engineer engr prince princess senator
    prof dr gen col maj capt lt brig adm sgt cmdr hon rev amb ambassador judge justice
    haj hadj hojatolislam hojjatoleslam
    """.split()
)

# Suffixes after a person's name that are not part of it ("Jr.", "PhD", "Esq.").
NAME_SUFFIXES: frozenset[str] = frozenset("jr sr esq phd md mba dds".split())

# Name particles: kept, but light, and glued/split forms are matched ("al zumar" =
# "alzumar"). Arabic "bin/ibn/bint", Dutch "van der", French/Spanish "de la"...
PARTICLES: frozenset[str] = frozenset(
    """
    al el ul ad ar as at az an ash ath ibn bin ben bint binti bte abu abou abo ab um umm
    van von der den de da di do dos das du del della la le des ter ten zu
    the of and for
    """.split()
)

# --- persons: variant spellings ---------------------------------------------------

# Each group: spellings of one given name or frequent name part across
# transliteration systems. The first spelling is the canonical token.
_VARIANT_GROUPS = """
muhammad mohammed mohammad mohamed mohamad muhammed muhamad muhamed mohammod mahomed
 mohd mhd muhammet mehmet mehmed mohamud mohummad mouhamed mohamadou mohammedi
ahmad ahmed ahmet
mahmud mahmoud mahmood mehmood mahmut
mustafa mustapha moustafa mostafa mustafah
hussein husain hussain husayn hossein hosein huseyin husein hussien
hasan hassan hasen hassen
husni hosni
ali aly
abdullah abdallah abdulla abdalla abdellah abdollah
abdul abdel abd abdol abdoul
abdulrahman abdurrahman abdelrahman abderrahmane abdurahman abdalrahman abdulrahmane
abdulaziz abdelaziz abdulazeez abdul-aziz
abdulkarim abdelkarim abdul-karim
osama usama usamah osamah
omar umar omer umer
othman uthman osman usman othmane
yusuf yousef yousuf youssef yusef yosef joseph josef jozef yousif yusif
ibrahim ebrahim ibraheem ibragim abraham
ismail ismael esmail ismayil
suleiman sulaiman sulayman soleiman suleyman suleman solomon
khalid khaled khalied
walid waleed walied
said saeed saied sayed sa'id saeid
saad sad saadi
faisal faysal feisal faycal
jamal gamal djamal
jamil jameel gamil
nasser nasir naser nasr nassir
nasrallah nasrullah
hamid hameed hamed
rashid rasheed rachid rashed
majid majeed maged magid
mansour mansur mansoor
qaddafi gaddafi gadhafi qadhafi kadhafi kaddafi gadafi qathafi ghaddafi
qasim qassim kasim kassim qassem kacem
qadir kadir qader kader gadir
abu abou abo
zaid zayd zeid
yahya yahia yehia yahyah
yasin yaseen yassin yacine
tariq tarek tareq tarik
taha tahaa
karim kareem kerim
salah saleh salih
hamza hamzah hamsa
hafiz hafez
haqqani haqani
aziz azeez
bashir basheer bachir
bakr bakir bakar
fatima fatimah fatma fatemeh
aisha aicha ayesha aishah ayisha
zainab zaynab zeinab
maryam mariam miriam meryem
nur noor nour
sergei sergey serguei sergej serhiy serhii
aleksandr alexander aleksander alexandr oleksandr aleksandar alejandro alessandro
alexei aleksei aleksey alexey oleksiy oleksii
andrei andrey andrii andriy andrew andreas
dmitri dmitry dmitriy dmytro dimitri
yuri yury yuriy iurii jurij yurii
evgeny evgeni yevgeny yevgeniy evgeniy yevhen eugene
mikhail mikhail michail mykhailo michael mikhael
nikolai nikolay mykola nicholas nikola
vladimir volodymyr wladimir
viktor victor wiktor
pyotr petr petro peter pierre pedro pietro
ivan iwan ivane
igor ihor
oleg oleh
grigory grigori hryhoriy gregory
konstantin kostyantyn constantine
anatoly anatoli anatoliy
vasily vasiliy vasili vassily vasyl
vyacheslav viacheslav
yaroslav iaroslav jaroslav
arkady arkadiy arkadi
gennady gennadiy gennadi hennadiy
valery valeriy valeri
yakov iakov jakob jacob yaakov
ilya ilia ilyas elias
timur temur teymur
rustam rustem
ramzan ramazan ramadan
roman raman
kim gim
lee yi ri rhee
park pak bak
choi choe
jung chung
jong jeong chong
un eun
yong yeong
song seong sung
sun seon
hyon hyun hyeon
chol cheol chul
il ill
ho hoh
kwang gwang
nam nahm
ryu yoo yu
han hahn
zhang chang
zhou chou
wang wong
li
chen chan
liu lau
huang hwang
xu hsu
""".strip()

VARIANTS: dict[str, str] = {}
for _line in _VARIANT_GROUPS.replace("\n ", " ").splitlines():
    _words = _line.split()
    for _w in _words:
        VARIANTS.setdefault(_w, _words[0])

# Nickname / diminutive -> formal given name(s): English, Russian, Arabic, Spanish and
# Portuguese, German, French and Italian. Our own table of the common ones.
_NICKNAMES = """
robert bob bobby rob robbie robby bert bertie robin
william bill billy will willy willie liam wills
richard dick dickie rick ricky rich richie
james jim jimmy jimmie jamie jem
john jack jackie johnny jonny jonnie jon jock
jonathan jon jonny nathan
joseph joe joey jo
thomas tom tommy thom
charles charlie chuck chas chaz
edward ed eddie eddy ted teddy ned
edmund ed eddie ned
edwin ed eddie
henry harry hank hal
kevin kev
michael mike mikey mick micky mickey
christopher chris kit topher
nicholas nick nicky nico
anthony tony ant
andrew andy drew
daniel dan danny
david dave davy davie
steven steve stevie
stephen steve stevie
benjamin ben benny benji
samuel sam sammy
matthew matt matty
patrick pat paddy patsy
peter pete
timothy tim timmy
alexander alex alec alick sandy lex xander
alexandra alex lexi sandra sandy
elizabeth liz lizzie lizzy beth betty bette betsy eliza bess bessie elsie libby lisa liza ellie
margaret maggie meg peggy marge margie madge greta daisy maisie molly rita
katherine kate katie kathy kay kitty kat
catherine kate katie cathy kitty cat
jennifer jen jenny jenn
rebecca becky becca
patricia pat patty trish tricia
susan sue susie suzy
suzanne sue susie suzy
deborah deb debbie debby
victoria vicky vicki tori
jacqueline jackie jacqui
dorothy dot dotty dolly dottie
barbara barb babs barbie
abigail abby gail
gerald gerry jerry
lawrence larry laurie
leonard len lenny leo
ronald ron ronnie
donald don donnie
kenneth ken kenny
raymond ray
frederick fred freddie freddy fritz
francis frank frankie
franklin frank
gregory greg
jeffrey jeff
geoffrey geoff jeff
joshua josh
zachary zach zack
nathaniel nate nat
albert al bert bertie
alfred alf alfie fred freddy freddie
allen al
arthur art artie
bernard bernie barney
calvin cal
clifford cliff
cornelius neil corny
douglas doug
eugene gene
ernest ernie
harold hal harry
herbert herb bert
howard howie
isaac ike
jacob jake
jeremiah jerry
jeremy jerry
louis lou louie
maximilian max
maxwell max
mitchell mitch
nathan nate
oliver ollie
oswald ozzie
phillip phil
philip phil pip
randolph randy
reginald reggie reg
rodney rod
roger rog
russell russ
sidney sid
simon si
solomon sol
stanley stan
theodore ted theo teddy
vincent vince vinny
walter walt wally
wesley wes
wilfred fred
winston win
abraham abe
alan al
antonio tony toni tonio
augustus gus
bartholomew bart
benedict ben
cameron cam
clarence clare
dennis denny
dominic dom
ezekiel zeke
frederica freda
gilbert gil
jerome jerry
leonardo leo
lucas luke
luther lou
montgomery monty
morris mo
moses mo moe
norman norm
percival percy
quentin quinn
raphael rafe
samson sam
terence terry
tobias toby
vernon vern
carolyn carrie carol
caroline carrie caddie
christine chris chrissy tina
christina chris chrissy tina
cynthia cindy
diana di
dolores lola
eleanor ellie nell nora
emily em emmie emmy
emma em
frances fran frannie
gabriel gabe
gabrielle gaby gabby
helen nell
jessica jess jessie
josephine jo josie
judith judy
kimberly kim
lillian lily lil
linda lindy
lucille lucy
madeline maddie maddy
martha marty mattie
mary molly polly mae mamie
melissa mel missy
michelle shelly
miriam mimi
nancy nan
pamela pam
priscilla cilla
rachel rae
rosalind ros roz
rosemary rosie
samantha sam sammy
sandra sandy
sarah sally sadie
sharon shari
stephanie steph
sylvia syl
teresa tess tessa tessie terry
theresa tess tessa tessie terry
valerie val
veronica ronnie
virginia ginny
wilhelmina mina willa
agnes aggie
alice allie
angela angie
anne annie nan nancy
beatrice bea
cecilia cissy
charlotte lottie charlie
constance connie
florence flo
gertrude gertie trudy
harriet hattie
louise lou lulu
matilda tilly
penelope penny
prudence prue
rosalie rose
vladimir vova volodya vovka
aleksandr sasha sanya shura sashka alik
alexei alyosha lyosha lesha
anastasia nastya nastia
anatoly tolya
andrei andryusha
anna anya nyura anyuta
boris borya
dmitri dima mitya dimka
ekaterina katya katia
yekaterina katya katia
elena lena
yelena lena
evgeny zhenya
yevgeny zhenya
galina galya
grigory grisha
igor garik
ivan vanya
konstantin kostya
leonid lyonya lenya
lyudmila lyuda mila
maria masha manya
mikhail misha
natalia natasha
natalya natasha
nikolai kolya
olga olya
pavel pasha
pyotr petya
sergei seryozha serezha
svetlana sveta
tatiana tanya
tatyana tanya
valentin valya
valentina valya
vasily vasya
viktor vitya
vladislav vlad slava
vyacheslav slava
yaroslav slava
yuri yura
yakov yasha
stanislav stas
gennady gena
valery valera
arkady arkasha
semyon senya
fyodor fedya
maxim max
roman roma
irina ira
ksenia ksyusha
yulia yulya
daria dasha
darya dasha
sofia sonya
veronika nika
lyubov lyuba
alla allochka
muhammad hamada hamoudi mido moe mo
ahmad hamada
mahmud hamoudi
abdullah abdo abboud
abdulrahman abdo
abdulaziz aziz
ibrahim brahim
francisco paco pancho curro chico kiko
jose pepe chema pepito ze
jesus chucho chuy
manuel manolo manu
guillermo memo guille
ignacio nacho
enrique quique kike
alejandro alex jandro ale
roberto beto tito
alberto beto tito
eduardo lalo edu
fernando nando fer
gonzalo chalo
luis lucho
rafael rafa
ricardo richi
santiago santi chago
salvador chava salva
javier javi
juan juanito juancho
carlos carlitos
concepcion concha conchita
guadalupe lupe
mercedes merche
rosario charo
josefa pepa
pedro perico
sebastian sebas
joao joaozinho
luiz lula
johann hans hannes
johannes hans hannes
friedrich fritz
wilhelm willi wim
heinrich heinz
josef sepp seppl
nikolaus klaus niklas
ulrich ulli
katharina kathi
elisabeth lisa liesl elise babette
margarete grete gretel
franziska franzi
dietrich dieter
rudolf rudi
bernhard bernd
jacques jacquot
philippe phil
nicolas nico
christophe chris
frederic fred
mathieu matt
benoit ben
dominique dom
emmanuel manu
pierre pierrot
marguerite margot
isabelle isa
giuseppe peppe beppe pino
giovanni gianni vanni
francesco franco checco cesco
salvatore toto turi
domenico mimmo
vincenzo enzo
luigi gino
alessandro sandro
john ivan juan jean johann johannes giovanni joao ioannis jan hans sean ian evan jovan
joan jane jeanne joanna johanna juana giovanna ivanna
helen elena yelena helena helene ellen eleni alena alyona
george georgy georgi georgiy jorge giorgio georg jiri giorgi
paul pavel pablo paolo pawel paulo
james jacques diego jaime giacomo jakub
joseph jose giuseppe osip
mary maria marie mariya marija
catherine ekaterina yekaterina katarina caterina katharina katerina
elizabeth elisabeth elisabetta isabel isabella elizaveta isabelle
anne anna ana hannah anya
stephen stepan esteban stefano stefan etienne
william wilhelm guillermo guillaume guglielmo
henry heinrich enrique henri enrico
charles carlos karl carl carlo
francis francisco francois francesco franz
anthony antonio anton antoine antonios
thomas tomas tommaso foma
matthew matteo mateo matvei matvey matthias mathieu
luke lucas luca luka
mark marco marcos markus marc
philip felipe filippo philippe filipp
margaret margarita marguerite margherita
sophia sofia sofiya sophie
natalie natalia natalya nathalie
julia yulia julie giulia julija
""".strip()

NICKNAMES: dict[str, frozenset[str]] = {}
for _line in _NICKNAMES.splitlines():
    _formal, *_nicks = _line.split()
    for _n in {*_nicks, *(VARIANTS.get(n, n) for n in _nicks)}:
        NICKNAMES[_n] = NICKNAMES.get(_n, frozenset()) | {VARIANTS.get(_formal, _formal)}

_MORE_GIVEN_NAMES = """
aaron adam adrian albert alberto alfonso alicia amanda amelia andrea angel angelica arnold
audrey austin barry benito bernardo beverly blanca brandon brenda brian bruce bruno
camille carla carmen cecilia cesar claudia clement cristina dallas damian dario darren
dean denise derek diego dolores donovan dustin edgar edmond edna edith elena elias
elliot emilio enrique ernesto esteban eva evelyn fabian federico felix fernanda gilberto
gloria gordon graham gustavo hector herman horace hugo ignatius irene isidore ivy jasmine
jefferson jerome jesse joel jordan julian justin karen kevin kurt lance leon leonel lorenzo
lorraine lucia luciano manuela marcela marcus mariano marion marisol martina mauricio
maurice melvin milton miranda monica nelson noel norberto octavio olivia orlando oscar
pamela pascual patricio paulina percy ramon randall reynaldo roberta rodolfo rodrigo
rolando rosa ruben salvatore sebastian sergio shirley silvia stuart tamara teodoro
timoteo tristan ulises valentina valentino vanessa vaughn vera veronica vicente virgil
wallace warren wilson yolanda yvonne zachariah
"""

GIVEN_NAMES: frozenset[str] = frozenset(
    {w for line in _NICKNAMES.splitlines() for w in line.split()[:1]}
    | set(_MORE_GIVEN_NAMES.split())
    | set(VARIANTS)
    | set(VARIANTS.values())
)
"""Known formal given names: a 2-3 letter short form ("VIC", "ED") is only read as the
start of one of these, never of any word ("CAR" is not CARGO)."""

# Countries, regions and business cities: "(Singapore)", "Dubai Branch" qualify a
# company name but do not identify it, so they weigh like generic words.
LOCATIONS: frozenset[str] = frozenset(
    """
    afghanistan albania algeria angola argentina armenia australia austria azerbaijan
    bahrain bangladesh belarus belgium bolivia bosnia brazil bulgaria burma cambodia
    cameroon canada chile china colombia congo croatia cuba cyprus czech denmark dprk
    ecuador egypt emirates eritrea estonia ethiopia finland france georgia germany ghana
    greece guatemala haiti honduras hungary india indonesia iran iraq ireland israel
    italy japan jordan kazakhstan kenya korea kuwait kyrgyzstan laos latvia lebanon libya
    lithuania luxembourg malaysia mali malta mexico moldova mongolia montenegro morocco
    mozambique myanmar nepal netherlands nicaragua niger nigeria norway oman pakistan
    palestine panama paraguay peru philippines poland portugal qatar romania russia
    rwanda saudi senegal serbia singapore slovakia slovenia somalia spain sudan sweden
    switzerland syria taiwan tajikistan tanzania thailand tunisia turkey turkiye
    turkmenistan uae uganda ukraine uruguay usa uzbekistan venezuela vietnam yemen
    zambia zimbabwe crimea hongkong hong kong macau macao
    dubai dhabi sharjah ajman istanbul moscow beijing shanghai shenzhen guangzhou
    tehran teheran damascus baghdad beirut caracas havana minsk kiev kyiv pyongyang
    london paris berlin geneva zurich vienna cairo riyadh jeddah doha muscat karachi
    lahore kabul tashkent almaty baku yerevan tbilisi delhi mumbai bangkok jakarta
    manila seoul tokyo panama tianjin dalian ningbo qingdao xiamen labuan limassol
    nicosia valletta rotterdam hamburg antwerp piraeus novorossiysk vladivostok
    petersburg sevastopol""".split()
)

# --- vessels and numbers ---------------------------------------------------------

VESSEL_PREFIXES: frozenset[str] = frozenset(
    "mv mt ms ss my fv mfv tb lpg lng crude tanker vessel ship".split()
)
"""Leading words that name the kind of ship, not the ship ("M/V" arrives as "m v")."""

NUMBER_WORDS: dict[str, str] = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "first": "1", "second": "2",
    "third": "3", "i": "1", "ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7",
    "viii": "8", "ix": "9", "1st": "1", "2nd": "2", "3rd": "3", "4th": "4", "5th": "5",
}  # fmt: skip
"""Number words and ordinals -> digits, for vessel and fund names ("ONE" = "1")."""

# --- common names ------------------------------------------------------------------

# Surnames carried by millions (our own table of the most frequent ones per naming
# tradition, romanised as lists and payments spell them). Together with the known given
# names they make up "common" name parts: a person name made only of these is the name
# of many people, weak evidence on its own (see ``compare.Weights.common_cap``).
_COMMON_SURNAMES = """
ivanov smirnov kuznetsov popov vasiliev vasilyev petrov sokolov mikhailov novikov fedorov
morozov volkov alekseev lebedev semenov yegorov egorov pavlov kozlov stepanov nikolaev
orlov andreev makarov nikitin zakharov zaitsev zaytsev soloviev solovyov borisov yakovlev
grigoriev romanov vorobiev sergeev kuzmin frolov aleksandrov dmitriev korolev gusev
kiselev ilyin maksimov polyakov sorokin vinogradov kovalev belov medvedev antonov tarasov
zhukov baranov filippov komarov davydov belyaev gerasimov bogdanov osipov sidorov
matveev titov markov mironov krylov kulikov karpov vlasov melnikov denisov gavrilov
tikhonov kazakov afanasiev danilov timofeev fomin chernov abramov martynov efimov
shcherbakov nazarov kalinin isaev bykov maslov lazarev voronin klimov golubev
melnyk shevchenko boyko bondarenko tkachenko kovalenko kravchenko oliynyk shevchuk
koval polishchuk bondar tkachuk marchenko moroz lysenko rudenko savchenko petrenko
ivanou kazlou kavaliou novik navumenka ivanova
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo
zheng liang xie song tang han feng deng cao peng zeng xiao tian dong yuan pan cai jiang
yu du ye cheng wei su lu ding ren shen yao fan fang shi tan jin qian
wong cheung chan chang lau chow ng ho lam leung tsang kwok yip tse mak lai fung kong
chiu yeung siu chu law hui chung tam lo au
kim lee park choi jung kang cho yoon jang lim oh seo shin kwon ahn jeon hong ko moon
baek heo sim noh kwak cha joo koo min ryu jin ji chae won chun bang hyun ham byun
hosseini mohammadi ahmadi rezaei moradi karimi jafari rahimi hashemi mousavi heidari
ghasemi sadeghi hosseinzadeh alizadeh rostami ebrahimi najafi kazemi amini abbasi salehi
mahmoudi akbari nouri bagheri zarei mirzaei azizi hamidi kamali safari rezaee
nguyen tran le pham hoang phan vu vo dang bui do
garcia rodriguez martinez hernandez lopez gonzalez perez sanchez ramirez torres flores
rivera gomez diaz reyes cruz morales ortiz gutierrez chavez ramos ruiz alvarez mendoza
silva santos oliveira souza pereira costa ferreira almeida
smith johnson williams brown jones miller davis wilson anderson taylor thomas moore
martin jackson thompson white harris clark lewis robinson walker young allen king
wright scott green baker adams nelson hill campbell mitchell roberts carter phillips
muller schmidt schneider fischer weber meyer wagner becker schulz hoffmann
rossi russo ferrari esposito bianchi romano colombo ricci marino greco
yilmaz kaya demir sahin celik yildiz yildirim ozturk aydin ozdemir arslan dogan
khan shah ahmed hussain malik iqbal akhtar qureshi siddiqui chaudhry
singh kumar sharma patel gupta
ivanovic jovanovic petrovic nikolic markovic djordjevic stojanovic ilic stankovic
pavlovic milosevic popovic kovacevic horvat kovac babic maric juric novak
"""

# Given names common in the naming traditions the lists are heavy in, beyond the
# variant and nickname tables (which hold the formal names they canonicalise).
_MORE_COMMON_GIVEN = """
karima layla leila amina amine amir reza mehdi mahdi bilal nabil samir sami adel adil imad
emad hisham hesham wael ziad ziyad fadi rami ramy hani hany tamer sherif sharif ashraf
ayman aymen anas amr salem salim selim saif sayf sultan marwan bassam bassem basem
haitham hatem hatim jihad kamal kemal munir mounir najib nizar omran qais kais rafiq
rafik riad riyad samer tawfiq tawfik wassim wasim yazan yasser yasir yaser zakaria
zakariya abdelkader ayoub ayub ayyub kabir mohsen mohsin hadi javad jawad kazem morteza
mojtaba farhad farid behrouz dariush akbar asghar ghasem gholam habib jalal jamshid
masoud mehran mehrdad nader navid omid parviz ramin saman shahram siamak vahid zahra
sara sarah narges mina nasrin parisa samira shirin amal asma dalia dina hala hana hanan
hiba huda hoda iman jamila khadija lamia lina lubna maha manal mona muna nada nadia
najla nawal noura rana rania rasha reem rim salma samar sana suad suha wafa yasmin
yasmine zeina
olga natalia tatiana tatyana irina svetlana oksana lyudmila galina valentina larisa
nadezhda tamara lyubov alla yana daria darya polina kseniya ksenia alina viktoriya
yevgeniya alyona maksim maxim artem artyom kirill nikita denis stanislav vadim vitaly
vitaliy ruslan yegor egor timofey bogdan taras valentin leonid boris fedor fyodor gleb
lev semen artur eduard emil vlad vladislav vsevolod zakhar
"""

# Korean and Chinese given names are two syllables: one syllable is common, the pair
# much less so, so the syllable groups of the variant table do not count as common
# given names (their frequent surnames are in the table above).
_SYLLABLES = _VARIANT_GROUPS[_VARIANT_GROUPS.index("\nkim gim") :].split()

COMMON_NAME_PARTS: frozenset[str] = frozenset(
    {VARIANTS.get(w, w) for w in (*_COMMON_SURNAMES.split(), *_MORE_COMMON_GIVEN.split())}
    | (
        (GIVEN_NAMES | set(NICKNAMES) | {f for fs in NICKNAMES.values() for f in fs})
        - {"qaddafi", "haqqani"}
        - {VARIANTS.get(w, w) for w in _SYLLABLES}
    )
)
"""Canonical tokens many unrelated people share: known given names and frequent
surnames."""
