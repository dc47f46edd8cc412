package geo

import chronicle "github.com/chronicle-news/chronicle"

// GDELTGeoType returns the GDELT 2.0 geographic type of a place, as the
// ActionGeo_Type column wants it: 1 country, 2 US state, 3 US city,
// 4 world city, 5 world state (first-level admin area), 0 unknown.
func GDELTGeoType(p chronicle.Place) int {
	switch p.Resolution {
	case FeatureCountry:
		return 1
	case FeatureAdmin1:
		if p.Country == "USA" {
			return 2
		}
		return 5
	case FeatureCity:
		if p.Country == "USA" {
			return 3
		}
		return 4
	}
	return 0
}
