# The ground-truth grid (sourced): depths 10,16,22,28,40 x widths 1,2,4,6,8 plus the depth-scaled
# WRN-52-1 and WRN-64-1 (27 shapes), and the 8 shapes trained again with a second seed.
GT_SHAPES=""
for d in 10 16 22 28 40; do for w in 1 2 4 6 8; do GT_SHAPES="$GT_SHAPES WRN-$d-$w"; done; done
GT_SHAPES="$GT_SHAPES WRN-52-1 WRN-64-1"
GT_SEED2="WRN-10-1 WRN-10-4 WRN-16-2 WRN-16-8 WRN-22-1 WRN-22-4 WRN-28-2 WRN-40-1"
GT_LIST=$(echo $GT_SHAPES | tr ' ' ',')
