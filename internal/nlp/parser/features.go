package parser

import "github.com/chronicle-news/chronicle/internal/nlp/perceptron"

// Feature templates, numbered for hashing.
const (
	fS0w = iota + 1
	fS0t
	fS0wt
	fS1w
	fS1t
	fS1wt
	fS2t
	fB0w
	fB0t
	fB0wt
	fB1w
	fB1t
	fB1wt
	fB2w
	fB2t
	fS0wtB0wt
	fS0wtB0w
	fS0wB0wt
	fS0wtB0t
	fS0tB0wt
	fS0wB0w
	fS0tB0t
	fB0tB1t
	fS0wtS1wt
	fS0tS1t
	fS0wS1w
	fS0wS1t
	fS0tS1w
	fB0tB1tB2t
	fS0tB0tB1t
	fS1tS0tB0t
	fS0tS0lcB0t
	fS0tS0rcB0t
	fS0tB0tB0lc
	fS1tS0tS0lc
	fS1tS0tS0rc
	fS1tS1rcS0t
	fS1tS1lcS0t
	fS2tS1tS0t
	fS0wD
	fS0tD
	fB0wD
	fB0tD
	fS0tB0tD
	fS0wVr
	fS0tVr
	fS0wVl
	fS0tVl
	fB0wVl
	fB0tVl
	fS1tVr
	fS0lcw
	fS0lct
	fS0lcl
	fS0rcw
	fS0rct
	fS0rcl
	fB0lcw
	fB0lct
	fB0lcl
	fS0lc2t
	fS0lc2l
	fS0rc2t
	fS0rc2l
	fB0lc2t
	fB0lc2l
	fS1lct
	fS1lcl
	fS1rct
	fS1rcl
	fS0tLc12
	fS0tRc12
	fB0tLc12
	fS0wLset
	fS0tLset
	fS0wRset
	fS0tRset
	fB0wLset
	fB0tLset
	fS1tRset
	fS0wB0wB1t
	fS0tB0wB1w
	fB0wB1wB2t
	fS0tS0hdist
	fS1wS0wB0w
	fBias
	fS0u
	fB0u
	fS1u
	fB1u
	fS0uB0u
	fS1uS0uB0u
	fS0uB0uB1u
	fS0sf
	fB0sf
	fS0sfB0u
	fS0uB0sf
	fB1sf
	fS0wB0u
	fS0uB0w
	fS0amb
	fB0amb
	fS1amb
	fB1amb
	fS0ambB0amb
	fS0ambB0t
	fS0tB0amb
	fS1ambS0amb
	fB0ambB1amb
	// Feature set 2.
	fS1tB0t
	fS1wB0t
	fS1tB0w
	fS1tB0tD
	fS2w
	fPunctS0B0
	fPunctS1S0
	fS1wVr
	fS1tVl
	fS1tS0tB0tB1t
	fS0wS0rcw
	fB0wB0lcw
)

// Label templates.
const (
	lBias = iota + 200
	lDw
	lDt
	lDwt
	lHw
	lHt
	lHwt
	lHtDt
	lHwDt
	lHtDw
	lHwDw
	lDirDist
	lDirDistHtDt
	lDlcl
	lDrcl
	lDlset
	lDrset
	lDnlnr
	lHlset
	lHrset
	lDtDlct
	lDtDrct
	lDm1tDt
	lDp1tDt
	lHm1tHt
	lHp1tHt
	lDtDirHt
	lDwDir
	lDtDirDlcl
	lHtDtDrcl
)

func (st *state) word(i int) uint64 {
	if i < 0 || i > st.n {
		return noneW
	}
	return st.w[i]
}

func (st *state) tag(i int) uint64 {
	if i < 0 || i > st.n {
		return noneW
	}
	return st.t[i]
}

func (st *state) wordTag(i int) uint64 {
	if i < 0 || i > st.n {
		return noneW
	}
	return st.wt[i]
}

func (st *state) coarse(i int) uint64 {
	if i < 0 || i > st.n {
		return noneW
	}
	return st.u[i]
}

func (st *state) ambOf(i int) uint64 {
	if i < 0 || i > st.n {
		return noneW
	}
	return st.amb[i]
}

func (st *state) suf(i int) uint64 {
	if i < 0 || i > st.n {
		return noneW
	}
	return st.sf[i]
}

func (st *state) lab(i int) uint64 {
	if i <= 0 {
		return noneW
	}
	return uint64(st.labels[i])
}

func kid(c []int, i int) int {
	if i < 0 || c[i] == 0 {
		return -1
	}
	return c[i]
}

func bucket(d int) uint64 {
	switch {
	case d <= 0:
		return 0
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 10:
		return 6
	default:
		return 7
	}
}

func (st *state) val(c []int, i int) uint64 {
	if i < 0 {
		return 99
	}
	return uint64(c[i])
}

func (st *state) set(c []uint64, i int) uint64 {
	if i < 0 {
		return 99
	}
	return c[i]
}

// transFeatures appends the features of the current configuration.
func (st *state) transFeatures(f []uint64) []uint64 {
	ns := len(st.stack)
	s0, s1, s2 := -1, -1, -1
	if ns >= 1 {
		s0 = st.stack[ns-1]
	}
	if ns >= 2 {
		s1 = st.stack[ns-2]
	}
	if ns >= 3 {
		s2 = st.stack[ns-3]
	}
	b0, b1, b2 := -1, -1, -1
	if st.b <= st.n {
		b0 = st.b
	}
	if st.b+1 <= st.n {
		b1 = st.b + 1
	}
	if st.b+2 <= st.n {
		b2 = st.b + 2
	}
	s0w, s0t, s0wt := st.word(s0), st.tag(s0), st.wordTag(s0)
	s1w, s1t, s1wt := st.word(s1), st.tag(s1), st.wordTag(s1)
	s2t := st.tag(s2)
	b0w, b0t, b0wt := st.word(b0), st.tag(b0), st.wordTag(b0)
	b1w, b1t, b1wt := st.word(b1), st.tag(b1), st.wordTag(b1)
	b2w, b2t := st.word(b2), st.tag(b2)
	s0lc, s0rc, b0lc := kid(st.lc1, s0), kid(st.rc1, s0), kid(st.lc1, b0)
	s0lc2, s0rc2, b0lc2 := kid(st.lc2, s0), kid(st.rc2, s0), kid(st.lc2, b0)
	s1lc, s1rc := kid(st.lc1, s1), kid(st.rc1, s1)
	s0lct, s0rct, b0lct := st.tag(s0lc), st.tag(s0rc), st.tag(b0lc)
	s1lct, s1rct := st.tag(s1lc), st.tag(s1rc)
	var d uint64
	if s0 >= 0 && b0 >= 0 {
		d = bucket(b0 - s0)
	}
	var sd uint64
	if s0 >= 0 && s1 >= 0 {
		sd = bucket(s0 - s1)
	}
	s0vr, s0vl, b0vl, s1vr := st.val(st.nr, s0), st.val(st.nl, s0), st.val(st.nl, b0), st.val(st.nr, s1)
	F1, F2, F3 := perceptron.F1, perceptron.F2, perceptron.F3
	f = append(f,
		F1(fBias, 0),
		F1(fS0w, s0w), F1(fS0t, s0t), F1(fS0wt, s0wt),
		F1(fS1w, s1w), F1(fS1t, s1t), F1(fS1wt, s1wt), F1(fS2t, s2t),
		F1(fB0w, b0w), F1(fB0t, b0t), F1(fB0wt, b0wt),
		F1(fB1w, b1w), F1(fB1t, b1t), F1(fB1wt, b1wt),
		F1(fB2w, b2w), F1(fB2t, b2t),
		F2(fS0wtB0wt, s0wt, b0wt), F2(fS0wtB0w, s0wt, b0w), F2(fS0wB0wt, s0w, b0wt),
		F2(fS0wtB0t, s0wt, b0t), F2(fS0tB0wt, s0t, b0wt), F2(fS0wB0w, s0w, b0w),
		F2(fS0tB0t, s0t, b0t), F2(fB0tB1t, b0t, b1t),
		F2(fS0wtS1wt, s0wt, s1wt), F2(fS0tS1t, s0t, s1t), F2(fS0wS1w, s0w, s1w),
		F2(fS0wS1t, s0w, s1t), F2(fS0tS1w, s0t, s1w),
		F3(fB0tB1tB2t, b0t, b1t, b2t), F3(fS0tB0tB1t, s0t, b0t, b1t), F3(fS1tS0tB0t, s1t, s0t, b0t),
		F3(fS0tS0lcB0t, s0t, s0lct, b0t), F3(fS0tS0rcB0t, s0t, s0rct, b0t), F3(fS0tB0tB0lc, s0t, b0t, b0lct),
		F3(fS1tS0tS0lc, s1t, s0t, s0lct), F3(fS1tS0tS0rc, s1t, s0t, s0rct),
		F3(fS1tS1rcS0t, s1t, s1rct, s0t), F3(fS1tS1lcS0t, s1t, s1lct, s0t),
		F3(fS2tS1tS0t, s2t, s1t, s0t),
		F2(fS0wD, s0w, d), F2(fS0tD, s0t, d), F2(fB0wD, b0w, d), F2(fB0tD, b0t, d), F3(fS0tB0tD, s0t, b0t, d),
		F2(fS0wVr, s0w, s0vr), F2(fS0tVr, s0t, s0vr), F2(fS0wVl, s0w, s0vl), F2(fS0tVl, s0t, s0vl),
		F2(fB0wVl, b0w, b0vl), F2(fB0tVl, b0t, b0vl), F2(fS1tVr, s1t, s1vr),
		F1(fS0lcw, st.word(s0lc)), F1(fS0lct, s0lct), F1(fS0lcl, st.lab(s0lc)),
		F1(fS0rcw, st.word(s0rc)), F1(fS0rct, s0rct), F1(fS0rcl, st.lab(s0rc)),
		F1(fB0lcw, st.word(b0lc)), F1(fB0lct, b0lct), F1(fB0lcl, st.lab(b0lc)),
		F1(fS0lc2t, st.tag(s0lc2)), F1(fS0lc2l, st.lab(s0lc2)),
		F1(fS0rc2t, st.tag(s0rc2)), F1(fS0rc2l, st.lab(s0rc2)),
		F1(fB0lc2t, st.tag(b0lc2)), F1(fB0lc2l, st.lab(b0lc2)),
		F1(fS1lct, s1lct), F1(fS1lcl, st.lab(s1lc)), F1(fS1rct, s1rct), F1(fS1rcl, st.lab(s1rc)),
		F3(fS0tLc12, s0t, s0lct, st.tag(s0lc2)), F3(fS0tRc12, s0t, s0rct, st.tag(s0rc2)),
		F3(fB0tLc12, b0t, b0lct, st.tag(b0lc2)),
		F2(fS0wLset, s0w, st.set(st.lset, s0)), F2(fS0tLset, s0t, st.set(st.lset, s0)),
		F2(fS0wRset, s0w, st.set(st.rset, s0)), F2(fS0tRset, s0t, st.set(st.rset, s0)),
		F2(fB0wLset, b0w, st.set(st.lset, b0)), F2(fB0tLset, b0t, st.set(st.lset, b0)),
		F2(fS1tRset, s1t, st.set(st.rset, s1)),
		F3(fS0wB0wB1t, s0w, b0w, b1t), F3(fS0tB0wB1w, s0t, b0w, b1w), F3(fB0wB1wB2t, b0w, b1w, b2t),
		F3(fS0tS0hdist, s0t, s1t, sd),
		F3(fS1wS0wB0w, s1w, s0w, b0w),
	)
	s0u, b0u, s1u, b1u := st.coarse(s0), st.coarse(b0), st.coarse(s1), st.coarse(b1)
	s0sf, b0sf := st.suf(s0), st.suf(b0)
	f = append(f,
		F1(fS0u, s0u), F1(fB0u, b0u), F1(fS1u, s1u), F1(fB1u, b1u),
		F2(fS0uB0u, s0u, b0u), F3(fS1uS0uB0u, s1u, s0u, b0u), F3(fS0uB0uB1u, s0u, b0u, b1u),
		F1(fS0sf, s0sf), F1(fB0sf, b0sf), F2(fS0sfB0u, s0sf, b0u), F2(fS0uB0sf, s0u, b0sf),
		F1(fB1sf, st.suf(b1)), F2(fS0wB0u, s0w, b0u), F2(fS0uB0w, s0u, b0w),
	)
	if st.ext {
		var d1 uint64
		if s1 >= 0 && b0 >= 0 {
			d1 = bucket(b0 - s1)
		}
		ps0b0, ps1s0 := uint64(9), uint64(9)
		if s0 >= 0 && b0 >= 0 {
			ps0b0 = uint64(min(st.punct[b0-1]-st.punct[s0], 3))
		}
		if s1 >= 0 && s0 >= 0 {
			ps1s0 = uint64(min(st.punct[s0-1]-st.punct[s1], 3))
		}
		f = append(f,
			F2(fS1tB0t, s1t, b0t), F2(fS1wB0t, s1w, b0t), F2(fS1tB0w, s1t, b0w),
			F3(fS1tB0tD, s1t, b0t, d1), F1(fS2w, st.word(s2)),
			F3(fPunctS0B0, ps0b0, s0t, b0t), F3(fPunctS1S0, ps1s0, s1t, s0t),
			F2(fS1wVr, s1w, s1vr), F2(fS1tVl, s1t, st.val(st.nl, s1)),
			F3(fS1tS0tB0tB1t, perceptron.Mix(s1t, s0t), b0t, b1t),
			F2(fS0wS0rcw, s0w, st.word(s0rc)), F2(fB0wB0lcw, b0w, st.word(b0lc)),
		)
	}
	if st.hasAmb {
		s0a, b0a, s1a, b1a := st.ambOf(s0), st.ambOf(b0), st.ambOf(s1), st.ambOf(b1)
		f = append(f,
			F1(fS0amb, s0a), F1(fB0amb, b0a), F1(fS1amb, s1a), F1(fB1amb, b1a),
			F2(fS0ambB0amb, s0a, b0a), F2(fS0ambB0t, s0a, b0t), F2(fS0tB0amb, s0t, b0a),
			F2(fS1ambS0amb, s1a, s0a), F2(fB0ambB1amb, b0a, b1a),
		)
	}
	return f
}

// labelFeatures appends the features for labelling the arc h -> d.
func (st *state) labelFeatures(f []uint64, h, d int) []uint64 {
	dir := uint64(1)
	dist := h - d
	if h < d {
		dir, dist = 2, d-h
	}
	if h == 0 {
		dir, dist = 3, 0
	}
	dw, dt, dwt := st.word(d), st.tag(d), st.wordTag(d)
	hw, ht, hwt := st.word(h), st.tag(h), st.wordTag(h)
	dd := bucket(dist)
	dlc, drc := kid(st.lc1, d), kid(st.rc1, d)
	nb := func(i int) int {
		if i < 1 || i > st.n {
			return -1
		}
		return i
	}
	F1, F2, F3 := perceptron.F1, perceptron.F2, perceptron.F3
	f = append(f,
		F1(lBias, 0),
		F1(lDw, dw), F1(lDt, dt), F1(lDwt, dwt),
		F1(lHw, hw), F1(lHt, ht), F1(lHwt, hwt),
		F2(lHtDt, ht, dt), F2(lHwDt, hw, dt), F2(lHtDw, ht, dw), F2(lHwDw, hw, dw),
		F2(lDirDist, dir, dd), F3(lDirDistHtDt, dir*16+dd, ht, dt),
		F1(lDlcl, st.lab(dlc)), F1(lDrcl, st.lab(drc)),
		F1(lDlset, st.lset[d]), F1(lDrset, st.rset[d]),
		F2(lDnlnr, uint64(st.nl[d]), uint64(st.nr[d])),
		F2(lHlset, st.set(st.lset, h), dir), F2(lHrset, st.set(st.rset, h), dir),
		F2(lDtDlct, dt, st.tag(dlc)), F2(lDtDrct, dt, st.tag(drc)),
		F2(lDm1tDt, st.tag(nb(d-1)), dt), F2(lDp1tDt, st.tag(nb(d+1)), dt),
		F2(lHm1tHt, st.tag(nb(h-1)), ht), F2(lHp1tHt, st.tag(nb(h+1)), ht),
		F3(lDtDirHt, dt, dir, ht), F2(lDwDir, dw, dir),
		F3(lDtDirDlcl, dt, dir, st.lab(dlc)), F3(lHtDtDrcl, ht, dt, st.lab(drc)),
	)
	return f
}
