"""Word lists for synthetic people, places and outlets.

Invented combinations of common Californian names; any match with a real
person is chance. Surnames repeat on purpose (several Garcias, two Parks) so
that the linker meets bare surnames that point to more than one candidate.
"""


def _words(text):
    return text.split()


FIRST_NAMES = _words("""
Aaron Abigail Adrian Aisha Alan Alejandra Alex Alicia Alma Amanda Amir Ana Andre Andrea
Angela Anthony Antonio Arturo Ashley Ava Ben Beatriz Benjamin Bernard Beth Blanca Brandon
Brenda Brian Bruce Camila Carl Carla Carlos Carmen Caroline Catherine Cecilia Celia Chad
Charles Chen Cheryl Chris Christina Claire Clara Cristina Curtis Cynthia Daisy Dale Dana
Daniel Danielle David Dawn Deborah Denise Derek Diana Diego Dolores Dominic Donna Dorothy
Douglas Dwayne Edgar Eduardo Elena Elijah Elizabeth Ellen Emily Emma Enrique Eric Erica
Ernesto Esther Ethan Eugene Eva Evelyn Felipe Fernando Fiona Frances Francisco Frank Gabriel
Gabriela Gary Genevieve Gerald Gina Gloria Grace Graciela Greg Guadalupe Hannah Harold
Harvey Hector Helen Henry Hiroshi Holly Hugo Ian Ignacio Imani Irene Isaac Isabel Ivan Jack
Jacqueline Jamal James Janet Janice Jasmine Jason Javier Jay Jean Jeffrey Jennifer Jeremy
Jesse Jessica Jin Joan Joanna Joe John Jonathan Jorge Jose Joseph Joyce Juan Judith Julia
Julian Julie Justin Karen Karina Katherine Keith Kelly Kenji Kenneth Kevin Kim Kimberly
Kyle Laura Lauren Lawrence Leah Leonard Leticia Liam Lillian Linda Lisa Lorena Louis Lucia
Luis Luz Lydia Malik Manuel Marco Margaret Maria Mariana Marisol Mark Marcus Marlene Martha
Martin Mary Mateo Matthew Maya Megan Melissa Mei Michael Michelle Miguel Min Miriam Monica
Nadia Nancy Naomi Natalie Nathan Nicholas Nicole Nina Noah Norma Olivia Omar Oscar Pablo
Pamela Patricia Patrick Paul Paula Pedro Peter Philip Priya Rachel Rafael Ramon Randall
Raquel Raymond Rebecca Ricardo Richard Rita Robert Roberto Rosa Ruben Ruth Ryan Samantha
Samuel Sandra Sara Scott Sean Sergio Sharon Silvia Simone Sofia Sonia Stephanie Steven Susan
Tamara Teresa Terrence Thomas Timothy Tina Todd Tomas Tony Tracy Tyler Valerie Vanessa
Veronica Victor Victoria Vincent Virginia Walter Wendy William Xavier Yolanda Yvonne Zachary
""")

# Weighted towards the front: common surnames come up more than once.
COMMON_SURNAMES = _words("""
Garcia Hernandez Lopez Martinez Rodriguez Gonzalez Perez Sanchez Ramirez Torres Nguyen Kim
Lee Chen Wang Smith Johnson Williams Brown Jones Davis Miller Wilson Park Flores Rivera
""")

SURNAMES = _words("""
Abadi Acosta Adams Aguilar Ahmed Alvarado Alvarez Anderson Andrade Aquino Arakelian Arellano
Armstrong Avila Ayala Bailey Baker Banerjee Barajas Barnes Barrera Bautista Becker Bell
Beltran Bennett Bishop Blackwell Bradley Bravo Brennan Briggs Brooks Bui Burke Bustamante
Butler Cabrera Calderon Campbell Campos Cardenas Carrillo Carter Castaneda Castillo Castro
Cervantes Chandler Chavez Cho Choi Chung Clark Cohen Coleman Collins Contreras Cooper
Cordova Cortez Crawford Cruz Cunningham Dang Delgado Diaz Dominguez Doyle Duarte Duncan
Duran Edwards Ellis Escobar Espinoza Estrada Evans Fernandez Figueroa Fischer Fisher Fong
Foster Franco Fuentes Fujimoto Gallagher Gallegos Garza Gibson Gill Goldberg Gomez Graham
Grant Gray Greene Gupta Gutierrez Guzman Hale Hamilton Harper Harris Hayes Henderson Herrera
Hoang Holt Hong Howard Huang Hughes Ibarra Ito Jackson Jacobs Jimenez Jordan Kahn Kapoor
Keller Kennedy Khan Khachatryan Kowalski Kumar Lam Lara Le Leon Levy Lim Lin Liu Lozano Luna
Macias Maldonado Mancini Marquez Marshall Medina Mehta Mejia Mendez Mendoza Meyer Miranda
Mitchell Molina Montoya Morales Moreno Morgan Munoz Murphy Murray Nakamura Navarro Nelson Nunez
Ochoa Oh Okafor Olson Orozco Ortega Ortiz Padilla Palmer Parker Patel Patterson Pena Pham
Phillips Pineda Price Quintero Quinn Ramos Reddy Reed Reyes Reynolds Rios Roberts Robinson
Rojas Romero Rosales Ross Ruiz Russell Salazar Salinas Sandoval Santos Sarkisian Sato Schmidt
Scott Serrano Shah Shapiro Silva Simmons Singh Soto Spencer Stewart Suarez Sullivan Tanaka
Thompson Tran Trujillo Turner Valdez Valencia Vargas Vasquez Vega Velasquez Villanueva
Wallace Walsh Ward Washington Watanabe Weber Weiss Wong Wright Wu Yamamoto Yang Yoon Zamora
Zhang Zhou
""")

# Names the press writes two ways; the second spelling becomes a press name.
ACCENTED = {
    "Pena": "Peña",
    "Nunez": "Núñez",
    "Leon": "León",
    "Jimenez": "Jiménez",
    "Munoz": "Muñoz",
    "Cordova": "Córdova",
}

# Two-word surnames, as the press writes them.
COMPOUND_SURNAMES = ["de la Cruz", "Van Horn", "De Santos", "del Rio", "St. James", "Mac Donald"]

NICKNAMES = {
    "Robert": "Bob",
    "William": "Bill",
    "Richard": "Rick",
    "Elizabeth": "Liz",
    "Katherine": "Kate",
    "Christopher": "Chris",
    "Anthony": "Tony",
    "Francisco": "Paco",
    "Jennifer": "Jen",
    "Margaret": "Peggy",
    "Thomas": "Tom",
    "Patricia": "Pat",
    "Michael": "Mike",
    "Jonathan": "Jon",
    "Samuel": "Sam",
    "Timothy": "Tim",
    "Zachary": "Zach",
}

CITIES = [
    "Los Angeles",
    "San Diego",
    "San Jose",
    "San Francisco",
    "Fresno",
    "Sacramento",
    "Long Beach",
    "Oakland",
    "Bakersfield",
    "Anaheim",
    "Santa Ana",
    "Riverside",
    "Stockton",
    "Irvine",
    "Chula Vista",
    "Fremont",
    "San Bernardino",
    "Modesto",
    "Oxnard",
    "Glendale",
    "Pasadena",
    "Santa Clarita",
    "Huntington Beach",
    "Berkeley",
]
COUNTIES = ["Los Angeles County", "Orange County", "Alameda County", "San Diego County"]

CITY_OFFICES = ["Mayor", "City Attorney", "City Controller"] + [
    f"City Council District {n}" for n in range(1, 16)
]
COUNTY_OFFICES = ["Sheriff", "District Attorney", "Assessor"] + [
    f"Board of Supervisors District {n}" for n in range(1, 6)
]

OCCUPATIONS = [
    ("City Council member", "Councilmember"),
    ("State Assembly member", "Assemblymember"),
    ("State Senator", "Sen."),
    ("Member of Congress", "Rep."),
    ("School board member", "Trustee"),
    ("Deputy district attorney", "Prosecutor"),
    ("Small business owner", ""),
    ("Nonprofit director", ""),
    ("Civil rights attorney", ""),
    ("Teacher", ""),
    ("Nurse", ""),
    ("Police sergeant", "Sgt."),
    ("Firefighter", ""),
    ("Real estate developer", ""),
    ("Community organizer", ""),
    ("Retired judge", "Judge"),
    ("Neighborhood council president", ""),
    ("Physician", "Dr."),
    ("Engineer", ""),
    ("Economist", ""),
]

PARTIES = ["Democratic", "Republican", "No party preference", "Green", "Libertarian"]
PARTY_WEIGHTS = [50, 25, 18, 4, 3]

PUBLICATIONS = [
    ("The Pacific Ledger", "pacificledger.example"),
    ("Valley Courier", "valleycourier.example"),
    ("Coast Daily Record", "coastdailyrecord.example"),
    ("Golden State Dispatch", "gsdispatch.example"),
    ("Bay Observer", "bayobserver.example"),
    ("Inland Sun", "inlandsun.example"),
    ("Harbor Times", "harbortimes.example"),
    ("Civic Wire", "civicwire.example"),
]

REPORTER_FIRST = ["Ana", "Ben", "Dana", "Eli", "Farah", "Grace", "Hal", "Iris", "Jun", "Kara"]
REPORTER_LAST = ["Okoye", "Lindqvist", "Marchetti", "Hollis", "Brandt", "Sorensen", "Achebe"]
