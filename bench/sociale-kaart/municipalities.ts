/**
 * Municipalities for the benchmark: the Netherlands has 342 (2025). The ten of the demo network
 * keep their real CBS codes; the others get synthetic codes (GM5xxx–GM8xxx, unused by CBS) and
 * names of real Dutch places, so spread and vocabulary are realistic without claiming to be a
 * CBS table. Four-digit postcodes 1000–9999 are split over them in order.
 */
const demo: [string, string][] = [
  ["GM0202", "Arnhem"],
  ["GM0363", "Amsterdam"],
  ["GM0518", "Den Haag"],
  ["GM0392", "Haarlem"],
  ["GM0158", "Haaksbergen"],
  ["GM1952", "Midden-Groningen"],
  ["GM0147", "Borne"],
  ["GM0164", "Hengelo"],
  ["GM0153", "Enschede"],
  ["GM1735", "Hof van Twente"],
];

const places = `Rotterdam Utrecht Eindhoven Groningen Tilburg Almere Breda Nijmegen Apeldoorn Amersfoort Zaanstad
Haarlemmermeer Zwolle Leiden Maastricht Dordrecht Zoetermeer Ede Deventer Delft Leeuwarden Alkmaar Venlo Helmond Emmen
Westland Amstelveen Hilversum Oss Roosendaal Purmerend Schiedam Nissewaard Lelystad Almelo Gouda Vlaardingen Assen
Capelle Veenendaal Katwijk Zeist Nieuwegein Heerlen Hoorn Velsen Sittard-Geleen Bergen-op-Zoom Middelburg Vlissingen
Goes Kampen Harderwijk Doetinchem Meppel Heerenveen Smallingerland Hoogeveen Terneuzen Roermond Weert Kerkrade
Oosterhout Waalwijk Tiel Culemborg Barneveld Wageningen Zutphen Winterswijk Oldenzaal Rijssen-Holten Hardenberg Steenwijkerland
Raalte Dalfsen Ommen Coevorden Hoogezand Veendam Stadskanaal Winschoten Delfzijl Appingedam Dokkum Harlingen Franeker
Drachten Joure Sneek Bolsward Lemmer Wolvega Heerhugowaard Schagen Enkhuizen Medemblik Edam Volendam Zandvoort Heemstede
Bloemendaal Beverwijk Heemskerk Castricum Uitgeest Weesp Diemen Ouder-Amstel Aalsmeer Uithoorn Abcoude Baarn Soest
Bunschoten Leusden Woudenberg Rhenen Wijk-bij-Duurstede Houten IJsselstein Montfoort Woerden Bodegraven Alphen Leiderdorp
Oegstgeest Noordwijk Lisse Hillegom Teylingen Wassenaar Voorschoten Leidschendam Rijswijk Pijnacker Lansingerland
Waddinxveen Zuidplas Krimpen Ridderkerk Barendrecht Albrandswaard Hellevoetsluis Brielle Westvoorne Goeree Hoeksche-Waard
Gorinchem Molenlanden Papendrecht Sliedrecht Zwijndrecht Hendrik-Ido-Ambacht Alblasserdam Vijfheerenlanden Leerdam
Zaltbommel Maasdriel Heusden Vught Boxtel Sint-Michielsgestel Meierijstad Uden Bernheze Landerd Boekel Gemert Laarbeek
Deurne Asten Someren Nuenen Geldrop Mierlo Waalre Veldhoven Valkenswaard Bergeijk Bladel Eersel Oirschot Best Son
Meerssen Valkenburg Gulpen Vaals Simpelveld Landgraaf Brunssum Beekdaelen Stein Echt-Susteren Maasgouw Leudal Nederweert
Peel-en-Maas Horst Venray Gennep Bergen Mook Cuijk Boxmeer Grave Wijchen Druten Beuningen Heumen Overbetuwe Lingewaard
Zevenaar Duiven Westervoort Rheden Rozendaal Renkum Oosterbeek Doesburg Bronckhorst Lochem Berkelland Oost-Gelre Aalten
Oude-IJsselstreek Montferland Epe Heerde Hattem Oldebroek Elburg Nunspeet Ermelo Putten Nijkerk Scherpenzeel Voorst
Brummen Olst-Wijhe Borger Aa-en-Hunze Tynaarlo Noordenveld Westerveld Midden-Drenthe De-Wolden Eemsdelta Het-Hogeland
Westerkwartier Pekela Oldambt Westerwolde Opsterland Ooststellingwerf Weststellingwerf Tytsjerksteradiel Achtkarspelen
Dantumadiel Noardeast-Fryslan Waadhoeke Ameland Terschelling Vlieland Schiermonnikoog Texel Urk Noordoostpolder Dronten
Zeewolde Bunnik De-Bilt Utrechtse-Heuvelrug Wijdemeren Gooise-Meren Huizen Blaricum Laren Eemnes Landsmeer Oostzaan
Wormerland Waterland Koggenland Opmeer Drechterland Stede-Broec Hollands-Kroon Dijk-en-Waard Heiloo Borsele Kapelle
Reimerswaal Noord-Beveland Schouwen-Duiveland Tholen Veere Sluis Hulst Woensdrecht Steenbergen Halderberge Moerdijk
Drimmelen Geertruidenberg Altena Dongen Loon-op-Zand Gilze-Rijen Alphen-Chaam Baarle-Nassau Goirle Hilvarenbeek
Oisterwijk Haaren Tubbergen Dinkelland Losser Wierden Twenterand Hellendoorn Staphorst Zwartewaterland`
  .split(/\s+/)
  .filter(Boolean);

export interface BenchMunicipality {
  code: string;
  name: string;
  postcodeFrom: number;
  postcodeTo: number;
}

export function benchMunicipalities(count = 342): BenchMunicipality[] {
  const names: [string, string][] = [...demo];
  for (let i = 0; names.length < count; i++) {
    const place = places[i % places.length] ?? "Gemeente";
    const name =
      i < places.length ? place.replace(/-/g, " ") : `${place.replace(/-/g, " ")} ${Math.floor(i / places.length) + 1}`;
    names.push([`GM${5000 + i}`, name]);
  }
  const span = Math.floor(9000 / count);
  return names.map(([code, name], i) => ({
    code,
    name,
    postcodeFrom: 1000 + i * span,
    postcodeTo: i === count - 1 ? 9999 : 1000 + (i + 1) * span - 1,
  }));
}
