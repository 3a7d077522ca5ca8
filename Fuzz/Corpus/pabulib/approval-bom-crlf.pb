META
key;value
description;Вінниця 2026, тест
country;Ukraine
unit;Вінниця
num_projects;3
num_votes;4
budget;1000000,50
vote_type;approval
rule;greedy
PROJECTS
project_id;cost;name;category
1;600000;Сквер на Замостянській;green
2;300000.25;Велодоріжка;transport
3;250000;Пандуси;
VOTES
voter_id;vote;age;sex
v1;1,2;34;F
v2;2, 3;71;M
v3;1;;
v4;3,1,2;18;F
