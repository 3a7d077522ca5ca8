META
key;value
budget;1200
vote_type;ordinal
description;"Фонд; ""малий"""
PROJECTS
project_id;cost;name
p1;700;"Парк; сквер"
p2;500;"Школа ""Світанок"""
p3;400;Бібліотека
VOTES
voter_id;vote
x;p3,p1
y;p2
z;p1,p2,p3
